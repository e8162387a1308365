"""The 2022 form of Hägersten-Älvsjö, word for word from the seed report.

The answers are what the council wrote for T2 2022 (per 31 August 2022); the form they
fill in is `app/reports/form_text.py`.
"""

#: (focus area number, question, the council's T2 2022 answer)
QUESTIONS_2022 = (
    (
        1,
        "Beskriv samverkan med det lokala näringslivet inom stadsdelsnämndens geografiska område.",
        "Under 2022 arbetar stadsdelsnämnden för att ytterligare utveckla samarbetet med de företagareföreningar och motsvarande nätverk som finns i stadsdelsområdet. Stadsdelsnämnden stödjer även arbetet med ökad samverkan mellan skola och näringsliv, och medverkar i lokala aktiviteter som arrangeras av företagareföreningarna. Utöver direktkontakt med enskilda företag och fastighetsägare har stadsdelsnämnden i nuläget kontakt med Liljeholmens företagsgrupp, Älvsjöföretagarna, Västertorps företagareförening, Företagsgruppen Västberga, företagen i Liljeholmens galleria via centrumägaren Citycon, företagen i Fruängens centrum via centrumägaren Niam, Rotary Stockholm Sydväst, Företagarna Stockholms stad, samt samverkan med företag runt Telefonplan.",
    ),
    (
        1,
        'Beskriv nämndens arbete med "Växla upp Stockholm"',
        "Förvaltningen deltar i arbetet för att växla upp Stockholm, genom att lotsa frågor från näringsidkare till rätt instans i staden, sprida information om aktiviteter och åtgärder som staden vidtar, bevaka lokala intressen i stadsmiljö- och tillståndsfrågor, samt att arbeta för en trygg och trivsamt miljö inom ramen för platssamverkan.",
    ),
    (
        2,
        "Hur sker samverkan med socialnämnden, rättsvårdande myndigheter och skatteverket i arbetet mot den svarta ekonomin och organiserad brottslighet i näringslivet?",
        "Förvaltningen har rutiner och en särskild funktion med uppdrag att motverka oegentligheter gällande personlig assistans. Det handlar bland annat om att systematiskt kontrollera att assistansutförare har ett aktuellt tillstånd från IVO att bedriva verksamhet samt att genomföra kontroller vid ansökan om merkostnader vid ordinarie assistents sjukdom.",
    ),
    (
        3,
        "Beskriv nämndens arbete med att utveckla stadens renodlade verksamhetsområden med hänsyn till näringslivet, beskriv också eventuell samverkan med andra nämnder och bolag i det arbetet.",
        "Stadsdelsnämndens trygghetsstrateg samverkar med fastighetsägare kring trygghetsfrågor i Västberga industriområde och Älvsjö industriområde. Samarbete sker även med SHIS och socialförvaltningen om de boenden som finns där. De företagsgrupper som finns i industriområdena ingår i nämndens näringslivsarbete.",
    ),
    (
        3,
        "Hur samverkar och utvecklar nämnden arbetet med platssamverkan och platsaktivering på prioriterade platser eller områden för att skapa en trygg närmiljö för det lokala näringslivet?",
        'Platssamverkan fortsätter på de platser där den är etablerad, med särskilt fokus på Älvsjö centrum-Solberga. En arkitekt har anlåtats tillsammans med trafikkontoret för att ta fram ett program för ökad trivsel, trygghet och funktion i Älvsjö resecentrum. I arbetet medverkar även SL, MTR, Keolis med flera aktörer. Ett event för trygghet och trivsel hölls på Älvsjö torg i juni. Olika funktioner inom stadsdelsförvaltningen medverkade tillsammans med föreningar, näringsliv och alla aktörer inom platssamverkan. Eventet blev också startskottet för "Sommar på torget" med aktiviteter under hela sommaren på både Älvsjö torg och Liljeholmstorget.',
    ),
    (
        3,
        "Hur samverkar nämnden för att underlätta för närvaron av kultur i det offentliga rummet?",
        'Vid eventet för trygghet och trivsel på Älvsjö torg i juni ingick även kulturaktiviteter. Likaså har kultur ingått i programmet för "Sommar på torget" under hela sommaren på både Älvsjö torg och Liljeholmstorget. Där samverkar förvaltningen med näringslivet och föreningslivet om dessa arrangemang.\n\nI några av stadens parker ingår olika typer av scener. Vid Herrängens gård har en liten scen rustats upp i år. I Teaterparken i Hägerstensåsen har exploateringskontoret rustat upp hela parken inklusive den stora amfiteatern. I augusti invigdes parken med barnteater och utomhusbio i samverkan med bland annat Hägerstensåsens medborgarhus.\n\nNämnden har även beviljat verksamhetsbidrag eller arrangörsstöd till föreningar som anordnar kulturaktiviteter i stadsdelsområdets parker. Bland annat till Solberga bollklubb som har haft ett arrangemang med artister och teater i parkleken Kristallen, Mälarhöjdsföreningen som anordnar utomhusfest med kulturella inslag, kulturföreningen Tellus som ordnar utomhusbio i Svandammsparken, och föreningen Långbro parks trädgårdar som bjöd in till barnteater vid invigningen av deras nya gemensamhetsodling.',
    ),
    (
        3,
        "Hur sker samarbetet med att bistå i Stockholm Business Region ABs och arbetsmarknadsnämndens arbete för ökad hållbar tillväxt och företagande inom stadsdelens geografiska område?",
        "Tillsammans med Företagsgruppen Liljeholmen har stadsdelsförvaltningen tagit fram ett koncept för att utse Årets lokala företag i Hägersten-Älvsjö. Utmärkelsen ska genomföras som ett pilotprojekt, i samverkan med Stockholm Business Region, och priset kommer att delas ut i anslutning till företagsdialogen 9 december 2022. Avtal för Årets lokala företag har tecknats med fem partners för olika priskategorier\n\nÅrets lokala nyföretag (Stockholms Business Region)\n\nÅrets lokala innovativa företag (ALMI)\n\nÅrets lokala trygghetsskapande företag (Hägersten-Älvsjö stadsdelsförvaltning)\n\nÅrets lokala inkluderande företag (Arbetsmarknadsförvaltningen – Jobbtorget)\n\nÅrets lokala företagare (Företagarna)",
    ),
    (
        3,
        "Hur sker samarbetet med Stockholm Business Region AB att stärka dialogen med företag och branscher om deras behov och hinder för tillväxt?",
        "Stadsdelsnämnden har genomfört ett frukostmöte med lokala företagareföreningar och planerar för ytterligare frukostmöten. Dessa har olika teman och fångar även upp företagens behov för tillväxt. Stadsdelsnämnden medverkar även i SBRs företagsdialog, och kommer i samband med den att ordna en mingelmässa för lokala företag. Samtliga aktiviteter genomförs i Liljeholmstorgets galleria, i samarbete med centrumägaren Citycon.",
    ),
)
