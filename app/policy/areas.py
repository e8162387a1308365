"""The business policy the report follows and its four focus areas, word for word."""

POLICY = "Näringslivspolicy för Stockholms stad 2020–2024"
FOCUS_AREAS = (
    (1, "Stimulera tillväxt och företagsamhet"),
    (2, "Förbättra service, tillgänglighet och myndighetsutövning"),
    (3, "Attraktivare miljöer och bättre framkomlighet"),
    (4, "Öka tillgången till arbetskraft med relevant kompetens"),
)
