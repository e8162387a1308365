"""The award "Årets lokala företag"."""
