"""The city's business report form, word for word: its title, introduction, section heading
and description (the focus areas it is built on are the policy's, `app.policy.areas`).

The demo's 2022 answers (`app/demo/seed_2022.py`) fill this form in; the form belongs to the
report.
"""

FORM_TITLE = "UPPFÖLJNINGSRAPPORT NÄRINGSLIV"
FORM_INTRODUCTION = "För att nå resultat och sammanhållet kunna kommunicera hur arbetet med att stötta näringslivet fortskrider kommer stadsledningskontoret samlat följa arbetet. I samband med stadens tertialrapporter och verksamhetsberättelse ska en särskild näringslivsrapport tas fram som beskriver rådande läge i stadens näringslivsarbete med näringslivspolicyns fyra fokusområden som grund. Underlaget för den uppföljningen utgör ett komplement till ordinarie rapportering i ILS och omfattar uppdrag, direktiv och aktiviteter i budget 2022 som bedöms vara av vikt för att samlat ge en bild av pågående näringslivsarbete."
SECTION_HEADING = "Uppföljning av direktiv och aktiviteter med näringslivskoppling i budget {year}"
SECTION_DESCRIPTION = "Detta underlag utgör ett komplement till ordinarie uppföljningen i ILS. Syftet är att få utförliga svar om pågående uppdrag, aktiviteter och processer samt vad dessa syftar till. Rubrikerna är satta utifrån näringslivspolicyns fyra fokusområden som bedöms vara aktuella för respektive nämnd och bolagsstyrelse. Besvara följande frågor nedan i textrutorna (klicka här för att ange text)."
