-- The starter watchlist (SPEC section 5): who and what is counted as a mention until an admin edits it.
-- Aliases are matched by io.channelpulse.analytics.NameMatcher on word boundaries, stemmed for Russian and English
-- (Лавров also finds Лаврова, Лаврову, Лавровым; Украина finds Украины, Украине, Украину). A phrase matches only
-- as consecutive words. A capitalised acronym of at most 3 letters (US, UN, EU, США, ООН) matches only as written,
-- so "us" and "un" in running text do not count; NATO, OSCE, НАТО, ОБСЕ match in any case.
-- Forms the stemmer does not join to the others are listed too: Беларуси (Беларусь stems to "белар"), Китая
-- (too short a stem, "кит", to match on, so matched as spelled).

INSERT INTO watched_entities (key, label, aliases) VALUES
    ('lavrov',    'Sergey Lavrov',   ARRAY['Lavrov', 'Sergey Lavrov', 'Sergei Lavrov', 'Лавров', 'Сергей Лавров']),
    ('putin',     'Vladimir Putin',  ARRAY['Putin', 'Vladimir Putin', 'Путин', 'Владимир Путин']),
    ('zakharova', 'Maria Zakharova', ARRAY['Zakharova', 'Maria Zakharova', 'Захарова', 'Мария Захарова']),
    ('nato',      'NATO',            ARRAY['NATO', 'North Atlantic Alliance', 'North Atlantic Treaty Organization',
                                           'НАТО', 'Североатлантический альянс']),
    ('eu',        'European Union',  ARRAY['EU', 'European Union', 'ЕС', 'Евросоюз', 'Европейский союз']),
    ('un',        'United Nations',  ARRAY['UN', 'United Nations', 'ООН', 'Организация Объединённых Наций']),
    ('osce',      'OSCE',            ARRAY['OSCE', 'Organization for Security and Co-operation in Europe',
                                           'Organization for Security and Cooperation in Europe',
                                           'ОБСЕ', 'Организация по безопасности и сотрудничеству в Европе']),
    ('usa',       'United States',   ARRAY['USA', 'US', 'U.S.', 'United States', 'США', 'Соединённые Штаты']),
    ('ukraine',   'Ukraine',         ARRAY['Ukraine', 'Украина']),
    ('belarus',   'Belarus',         ARRAY['Belarus', 'Беларусь', 'Беларуси', 'Белоруссия']),
    ('china',     'China',           ARRAY['China', 'PRC', 'Китай', 'Китая', 'КНР'])
ON CONFLICT (key) DO NOTHING;
