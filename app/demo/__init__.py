"""Demo data, including the 2022 report seed; imports every feature, nothing imports it."""
