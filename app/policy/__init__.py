"""The city's business policy, shared by features and the report: areas, questions, facts."""
