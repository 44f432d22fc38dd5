"""The report's words in Italian: sentences with {placeholders}, labels, level names."""

WORDS: dict[str, str] = {
    "summary_follow_ups": (
        "Seguiti delle valutazioni basse: {open} ancora da chiudere, di cui {overdue} oltre il "
        "termine (su {total} aperti per i casi del periodo)."
    ),
    "summary_follow_ups_none": (
        "Nessuna valutazione bassa dei casi del periodo ha aperto un seguito."
    ),
    "finding_ewma": (
        "CSAT settimanale come media mobile esponenziale (EWMA, λ = {smoothing}, L = {width}; "
        "segnale quando la media esce dai limiti media del periodo ± L σ): primo segnale nella "
        "settimana del {first} ({direction}); {weeks}."
    ),
    "finding_ewma_none": (
        "CSAT settimanale come media mobile esponenziale (EWMA, λ = {smoothing}, L = {width}; "
        "segnale quando la media esce dai limiti media del periodo ± L σ): nessun segnale nel "
        "periodo."
    ),
    "ewma_low": "il CSAT è sceso",
    "ewma_high": "il CSAT è salito",
    "ewma_weeks": "{count} settimane fuori dai limiti in tutto",
    "ewma_weeks_one": "1 settimana fuori dai limiti in tutto",
    "chart_ewma_title": (
        "CSAT settimanale (EWMA, λ = {smoothing}): settimane fuori dai limiti: {count}"
    ),
    "chart_alt_ewma": (
        "Grafico a linee del CSAT settimana per settimana (punti) e della sua media mobile "
        "esponenziale (EWMA) con i limiti di controllo; le settimane con un segnale sono "
        "segnate in rosso."
    ),
    "chart_week_axis": "settimana di chiusura",
    "chart_weekly": "CSAT settimanale",
    "chart_ewma": "EWMA",
    "chart_ewma_limits": "limiti EWMA",
    "chart_signal": "segnale",
    "drivers": "Cosa accompagna l'insoddisfazione",
    "driver_resolved": "richiesta risolta",
    "driver_effort": "facilità",
    "finding_driver": (
        "Per {driver}: con «{level}» ({n} risposte) il CSAT è {csat} contro {reference_csat} "
        "con «{reference}»; se quelle risposte fossero insoddisfatte (voti 1–3) quanto quelle "
        "con «{reference}», le risposte insoddisfatte sarebbero il {explained} in meno."
    ),
    "finding_driver_none": (
        "Per {driver}: nessun livello con almeno 30 risposte è insoddisfatto più spesso di "
        "«{reference}»."
    ),
    "dissatisfied_answers": "risposte con voto 1–3",
    "explained": "quota dell'insoddisfazione spiegata",
    "reference": "riferimento",
    "drivers_note": (
        "Quota spiegata: le risposte con voto 1–3 in più di quante ce ne sarebbero con la quota"
        " di insoddisfatti del riferimento, sul totale delle risposte con voto 1–3 (frazione "
        "attribuibile, Levin 1953). È un'associazione, non una causa: una richiesta non risolta"
        " può essere anche la più difficile."
    ),
    "offices": "Soddisfazione per ufficio",
    "finding_funnel": (
        "Fuori dai limiti al 99,8 % attorno al CSAT medio degli uffici ({centre}): {offices}."
    ),
    "funnel_office": "{office} (CSAT {csat}, {n} risposte)",
    "finding_funnel_none": (
        "Nessuno dei {offices} uffici con almeno {k} risposte è fuori dai limiti al 99,8 % "
        "attorno al CSAT medio degli uffici ({centre}): le differenze tra uffici sono quelle "
        "che il caso dà."
    ),
    "finding_funnel_missing": (
        "Nessun ufficio ha almeno {k} risposte: il confronto tra uffici non si può fare."
    ),
    "funnel_position": "rispetto ai limiti",
    "within_limits": "entro i limiti",
    "outside_95": "fuori dal 95 %",
    "outside_998": "fuori dal 99,8 %",
    "funnel_note": (
        "Grafico a imbuto (Spiegelhalter 2005): un ufficio con il CSAT medio degli uffici resta"
        " entro i limiti al 95 % 19 volte su 20 e al 99,8 % 998 volte su 1.000; gli uffici "
        "piccoli hanno limiti più larghi. Solo le richieste passate a un ufficio del Back "
        "Office."
    ),
    "chart_funnel_axis": "risposte sulle richieste dell'ufficio",
    "chart_limits_95": "limiti 95 %",
    "chart_limits_998": "limiti 99,8 %",
    "chart_offices": "uffici",
    "chart_alt_funnel": (
        "Grafico a imbuto: il CSAT di ogni ufficio contro il numero delle sue risposte, con i "
        "limiti al 95 % e al 99,8 % attorno alla media degli uffici."
    ),
    "referents": "La consultazione dei referenti",
    "no_consultation": "Nessuna consultazione dei referenti si è aperta nel periodo.",
    "finding_consultation": (
        "«{title}»: {answered} risposte su {invited} referenti invitati ({state})."
    ),
    "consultation_open": "aperta",
    "consultation_closed": "chiusa",
    "consultation_hidden": (
        "«{title}»: meno di {k} risposte, nessun risultato mostrato per tutelare l'anonimato."
    ),
    "finding_scale": "{scale}: media {mean} (IC 95 % {low}–{high}).",
    "col_scale": "scala",
    "col_mean": "media",
    "col_interval": "IC 95 %",
    "col_sd": "dev. std.",
    "col_alpha": "alfa di Cronbach",
    "col_office": "ufficio",
    "col_answers": "risposte",
    "hidden_group": "meno di {k} risposte",
    "referents_note": (
        "Gruppi con meno di {k} risposte nascosti, con soppressione complementare; "
        "ogni risposta è anonima per costruzione."
    ),
    "waves_finding": (
        "Rispetto a «{earlier}»: {up} scale migliorate, {down} peggiorate, {same} senza un "
        "cambiamento dimostrato (test di Welch e delle due proporzioni, corretti con Holm "
        "sulle scale)."
    ),
    "waves_apart": "Non confrontate, perché le domande sono cambiate: {scales}.",
    "waves_caption": "Variazione rispetto all'edizione precedente (IC 95 %)",
    "col_mean_before": "media prima",
    "col_mean_now": "media ora",
    "col_mean_change": "variazione della media",
    "col_favourable_before": "favorevoli prima",
    "col_favourable_now": "favorevoli ora",
    "col_favourable_change": "variazione dei favorevoli (punti)",
    "col_verdict": "esito",
    "verdict_up": "migliorata",
    "verdict_down": "peggiorata",
    "verdict_no_change": "nessun cambiamento dimostrato",
    "title": "Ascolto — rapporto sulla soddisfazione dei cittadini",
    "period": "Richieste aperte dal {start} al {end} (escluso)",
    "generated": "Rapporto generato da Ascolto; dati al {today}.",
    "contents": "Indice",
    "page": "Pagina",
    "page_of": "di",
    "empty": (
        "Nessuna richiesta è stata aperta in questo periodo: non ci sono dati da analizzare."
    ),
    "no_answers": "Nessun cittadino ha ancora risposto per le richieste di questo periodo.",
    "headline": "Dati principali",
    "satisfaction": "Soddisfazione dei cittadini",
    "path": "Front Office e Back Office",
    "factors": "Canali, tipi di richiesta, richiedenti, argomenti e regioni",
    "time": "Tempi di chiusura",
    "emergency": "Emergenze e periodi ordinari",
    "respondents": "Chi ha risposto",
    "family": "Tutti i test insieme (Benjamini–Hochberg)",
    "comments": "Commenti dei cittadini",
    "methods": "Note sui metodi",
    "cases": "richieste",
    "answers": "risposte",
    "share": "quota",
    "group": "gruppo",
    "mean": "voto medio (1–5)",
    "csat": "CSAT (voto 4 o 5)",
    "interval": "IC 95 %",
    "n": "n",
    "metric": "indicatore",
    "value": "valore",
    "day": "giorno",
    "from": "dal",
    "to": "al",
    "per_day": "al giorno",
    "name": "nome",
    "test": "test",
    "p": "p",
    "q": "q (BH)",
    "significant": "significativo",
    "yes": "sì",
    "no": "no",
    "none": "—",
    "not_available": "n/d",
    "channel": "canale",
    "request_type": "tipo di richiesta",
    "topic": "argomento",
    "region": "regione",
    "resolution_path": "esito",
    "term": "termine",
    "odds_ratio": "odds ratio",
    "emergency_name": "emergenza",
    "respondents_share": "tra chi ha risposto",
    "nonrespondents_share": "tra chi non ha risposto",
    "score": "voto",
    "comment": "commento",
    "hidden_groups_one": "1 gruppo con meno di {k} risposte non è mostrato, per l'anonimato.",
    "small_flag": (
        "* poche risposte (meno di 30), in grigio: stima poco precisa, mai un risultato principale."
    ),
    "hidden_groups": (
        "{count} gruppi con meno di {k} risposte non sono mostrati, per l'anonimato."
    ),
    "hidden_cell": "meno di {k} risposte",
}
WORDS |= {
    "finding_volume": (
        "Nel periodo sono state aperte {cases} richieste, in media {per_day} al giorno."
    ),
    "finding_top": (
        "Il canale più usato è «{channel}» ({channel_share} delle richieste); "
        "il tipo più frequente è «{kind}» ({kind_share})."
    ),
    "finding_path": (
        "{front} delle richieste sono state chiuse dal Front Office con una risposta "
        "immediata, {back} dal Back Office dopo una ricerca di un referente, "
        "{open} sono ancora aperte o in lavorazione."
    ),
    "finding_peak": (
        "Il giorno di picco è stato il {day}, con {cases} richieste ({times} volte la media)."
    ),
    "finding_peak_emergency": " Era in corso l'emergenza «{name}».",
    "finding_response": (
        "Hanno risposto al questionario {answers} cittadini su {closed} richieste chiuse: "
        "tasso di risposta {rate}."
    ),
    "finding_csat": (
        "Il {csat} dei {n} cittadini che hanno risposto ha dato un voto di 4 o 5 su 5; "
        "il voto medio è {mean}."
    ),
    "finding_nps": (
        "Net Promoter Score {nps} punti (promotori meno detrattori); Customer Effort Score "
        "{ces} su 7 (7 = molto facile); {resolved} dice che la richiesta è stata risolta."
    ),
    "finding_gap": (
        "Il CSAT delle richieste chiuse dal Back Office è {back}, contro {front} del Front "
        "Office: differenza {points}."
    ),
    "finding_gap_missing": (
        "Non ci sono abbastanza risposte per confrontare Front Office e Back Office."
    ),
    "lower": "più basso",
    "higher": "più alto",
    "finding_model": (
        "A parità di canale, tipo di richiesta, emergenza, ufficio e ore per la chiusura, le "
        "probabilità (odds) di un voto più alto per una richiesta chiusa dal Back Office sono"
        " {ratio} volte quelle del Front Office (IC 95 % {low}–{high}; {q}); in CSAT la "
        "differenza aggiustata è {points}: {meaning}"
    ),
    "model_lower": "il Back Office resta sotto il Front Office anche a parità di condizioni.",
    "model_higher": "il Back Office resta sopra il Front Office anche a parità di condizioni.",
    "model_unclear": (
        "a parità di condizioni la differenza non è significativa dopo la correzione per test"
        " multipli."
    ),
    "finding_model_missing": (
        "Il modello aggiustato non si può stimare con queste risposte "
        "(servono risposte sia dal Front Office sia dal Back Office)."
    ),
    "finding_spread": (
        "Per {factor}, si discosta di più dal resto «{group}» ({n} risposte): CSAT {points} "
        "rispetto alle altre risposte."
    ),
    "finding_spread_none": (
        "Per {factor} nessun gruppo con almeno 30 risposte si discosta dal resto in modo "
        "significativo dopo la correzione per test multipli."
    ),
    "finding_time": (
        "Tra i tempi di chiusura, si discosta di più la fascia «{band}» ({n} risposte): CSAT "
        "{points} rispetto alle altre fasce."
    ),
    "finding_time_none": (
        "Nessuna fascia di tempi di chiusura con almeno 30 risposte si discosta dalle altre "
        "in modo significativo dopo la correzione per test multipli."
    ),
    "finding_emergency": (
        "Il CSAT delle richieste aperte durante un'emergenza è {emergency}, contro {ordinary}"
        " in tempi ordinari: differenza {points}."
    ),
    "finding_emergency_missing": (
        "Non ci sono abbastanza risposte per confrontare emergenze e tempi ordinari."
    ),
    "finding_bias": (
        "I tassi di risposta cambiano molto da un canale all'altro: chi risponde non "
        "rappresenta allo stesso modo tutti i canali, quindi leggete i confronti per canale "
        "insieme ai valori pesati."
    ),
    "finding_weighted": (
        "Pesando le risposte per canale ed esito come le richieste chiuse, il CSAT è "
        "{weighted} (non pesato {raw}); numerosità effettiva di Kish {effective}; "
        "quota delle richieste chiuse in celle senza risposte: {uncovered}."
    ),
    "finding_sample_size": (
        "Per stimare il CSAT entro ±5 punti percentuali servono {five} risposte, entro ±3 "
        "punti {three} (su {population} richieste chiuse); le {answers} risposte, pesate, "
        "valgono quanto {effective} risposte di un campione casuale (numerosità effettiva di "
        "Kish). Questi margini misurano solo l'errore di campionamento: non coprono il fatto "
        "che a rispondere sceglie il cittadino, che nessuna ponderazione corregge del tutto."
    ),
    "finding_family": (
        "{kept} dei {tests} test del rapporto restano significativi controllando la quota "
        "di falsi positivi al 5 % (Benjamini–Hochberg)."
    ),
    "no_comments": "Nessun cittadino ha lasciato un commento sulle richieste del periodo.",
    "finding_comments": "{count} commenti nel periodo; qui i {shown} più recenti.",
    "comments_hidden": (
        "I commenti si mostrano solo con almeno {k} risposte nel periodo, per l'anonimato."
    ),
    "test_not_run": "{test}: non calcolabile ({why}).",
    "test_mann_whitney": "Mann–Whitney",
    "test_kruskal_wallis": "Kruskal–Wallis",
    "test_spearman": "Spearman",
    "test_chi_square": "Chi quadrato",
    "sentence_mann_whitney": (
        "Mann–Whitney: U = {statistic}, {p} (n = {n}); correlazione rank-biserial r = "
        "{effect} (r > 0: voti più alti per «{first}» che per «{second}»). {verdict}"
    ),
    "sentence_kruskal_wallis": (
        "Kruskal–Wallis: H = {statistic}, gl = {df}, {p} (n = {n}); ε² = {effect}. {verdict}"
    ),
    "sentence_spearman": (
        "Correlazione di Spearman tra giorni per la chiusura e voto: ρ = {effect}, {p} "
        "(n = {n}). {verdict}"
    ),
    "sentence_chi_square": (
        "Chi quadrato: χ² = {statistic}, gl = {df}, {p} (n = {n}); V di Cramér = {effect}. "
        "{verdict}"
    ),
    "verdict_yes": (
        "Significativo al 5 % dopo la correzione per test multipli di Benjamini–Hochberg ({q})."
    ),
    "verdict_no": (
        "Non significativo al 5 % dopo la correzione per test multipli di Benjamini–Hochberg ({q})."
    ),
}
WORDS |= {
    "part_channel": "Canali",
    "part_request_type": "Tipi di richiesta",
    "part_topic": "Argomenti",
    "part_region": "Regioni",
    "by_channel": "Richieste per canale",
    "by_request_type": "Richieste per tipo",
    "by_resolution_path": "Richieste per esito",
    "by_topic": "Soddisfazione per argomento",
    "by_region": "Soddisfazione per regione",
    "peak_days": "I giorni con più richieste",
    "emergency_periods": "Periodi di emergenza",
    "no_emergencies": "Nessun periodo di emergenza nel periodo.",
    "nps": "Net Promoter Score (punti, −100…100)",
    "ces": "Customer Effort Score (1–7)",
    "resolution": "Richiesta risolta (sì)",
    "distribution": "Distribuzione dei voti (1–5)",
    "model_caption": "Modello a odds proporzionali: odds ratio di un voto più alto",
    "model_note": (
        "Riferimento: {references}; n = {n}. Odds ratio < 1: voti più bassi del riferimento."
    ),
    "period_kind": "periodo",
    "time_band": "tempo di chiusura",
    "p_holm": "p (Holm)",
    "not_estimable": "non stimabile (tutte le risposte con lo stesso voto)",
    "dunn_caption": "Coppie di gruppi diverse dopo la correzione di Holm (Dunn), per {factor}",
    "closed": "richieste chiuse",
    "response_rate": "tasso di risposta",
    "rates_caption": "Tasso di risposta per canale",
    "hidden_invited": "meno di {k} richieste chiuse",
    "shares_caption": "Chi ha risposto e chi no, per {factor}",
    "effective_n": "numerosità (effettiva se pesata)",
    "raw": "non pesato",
    "weighted": "pesato (post-stratificazione)",
    "weighted_caption": "Valori non pesati e pesati per canale ed esito",
    "chart_small": "(* poche risposte, barre chiare: meno di 30)",
    "chart_alt_groups": (
        "Grafico a barre del CSAT per {factor}, con l'intervallo di confidenza al 95 % di ogni "
        "gruppo."
    ),
    "chart_alt_time": (
        "Grafico a punti del voto medio per tempo di chiusura, con l'intervallo di confidenza al "
        "95 % di ogni fascia."
    ),
    "chart_alt_response": (
        "Grafico a barre del tasso di risposta per canale, con l'intervallo di confidenza al 95 %."
    ),
    "chart_alt_trend": (
        "Grafico a linee del CSAT mese per mese con i limiti di controllo 3-sigma; i periodi di "
        "emergenza sono ombreggiati."
    ),
    "chart_csat_axis": "CSAT: voti 4 o 5 (%)",
    "chart_time_axis": "tempo di chiusura",
    "chart_response_axis": "tasso di risposta (%)",
    "chart_month_axis": "mese di chiusura",
    "chart_hidden": "{channels}: meno di 5 richieste chiuse",
    "chart_csat": "CSAT",
    "chart_limits": "limiti 3-sigma",
    "chart_average": "media",
    "chart_emergency": "emergenza",
    "chart_trend": "CSAT mensile: {months} mesi fuori dai limiti di controllo 3-sigma",
    "chart_response_bias": "I tassi di risposta cambiano molto tra i canali",
    "chart_response_even": "I tassi di risposta sono simili tra i canali",
    "family_resolution_path": "Front Office e Back Office (Mann–Whitney)",
    "family_channel": "Canale (Kruskal–Wallis)",
    "family_request_type": "Tipo di richiesta (Kruskal–Wallis)",
    "family_topic": "Argomento (Kruskal–Wallis)",
    "family_region": "Regione (Kruskal–Wallis)",
    "family_time_to_close": "Tempi di chiusura (Spearman)",
    "family_emergency": "Emergenze e tempi ordinari (Mann–Whitney)",
    "family_response_by_channel": "Risposta per canale (chi quadrato)",
    "method": "metodo",
    "what": "che cosa misura",
    "source": "fonte",
}

# report17: the adjusted model, its checks and the verdicts read from one family
WORDS |= {
    "office": "ufficio",
    "term_hours": "ore per la chiusura (log 1 + ore)",
    "term_emergency": "aperta durante un'emergenza",
    "pooled_offices": "altri uffici (meno di {k} risposte ciascuno)",
    "points_unit": "punti",
    "csat_points": "differenza di CSAT aggiustata",
    "model_points_note": (
        "Differenza di CSAT: media sulle risposte della probabilità di un voto 4 o 5 con il "
        "termine contro il riferimento, in punti percentuali (intervallo col metodo delta); "
        "per le ore, chiusura dopo una settimana contro entro l'ora; per un ufficio, contro "
        "l'ufficio medio del Back Office. q: valore p corretto con Benjamini–Hochberg "
        "sull'insieme dei test del rapporto."
    ),
    "po_not_run": "L'ipotesi di odds proporzionali non si è potuta verificare con queste risposte.",
    "po_holds": (
        "Ipotesi di odds proporzionali verificata (test di Brant: χ² = {statistic}, gl = "
        "{df}, {p}): ogni odds ratio vale allo stesso modo per ogni soglia di voto."
    ),
    "po_fails": (
        "L'ipotesi di odds proporzionali non regge (test di Brant: χ² = {statistic}, gl = "
        "{df}, {p}); i termini che la violano: {terms}. Per questi l'odds ratio è una media "
        "tra le soglie di voto: leggete la differenza di CSAT, che il modello stima alla "
        "soglia 4–5."
    ),
    "sentence_non_response_days": (
        "Giorni per la chiusura, chi ha risposto contro chi non ha risposto (Mann–Whitney): U"
        " = {statistic}, {p} (n = {n}); r = {effect} (r > 0: chi ha risposto ha avuto tempi "
        "di chiusura più lunghi). {verdict}"
    ),
}

# report17: the director's first page
WORDS |= {
    "quoted": "«{name}»",
    "summary": "In sintesi",
    "key_figures": "Cinque indicatori, con l'intervallo di confidenza al 95 %",
    "key_csat": "Soddisfazione (CSAT, voto 4 o 5)",
    "key_nps": "Net Promoter Score (−100…100)",
    "key_ces": "Facilità (Customer Effort Score, 1–7)",
    "key_resolution": "Richiesta risolta",
    "key_response_rate": "Tasso di risposta",
    "change_previous": "rispetto al periodo precedente",
    "target": "obiettivo",
    "target_met": "raggiunto",
    "target_missed": "non raggiunto",
    "target_unclear": "non si può dire (l'intervallo lo comprende)",
    "no_previous": "nessun dato",
    "no_previous_note": (
        "Il periodo precedente della stessa durata non ha richieste: nessun confronto."
    ),
    "the_rest": "tutte le altre risposte",
    "headline_finding": (
        "{factor} «{group}» a confronto con {reference}: CSAT {points} ({n} risposte contro "
        "{reference_n})."
    ),
    "no_headline": (
        "Nessuna differenza tra gruppi di almeno 30 risposte è significativa dopo la "
        "correzione per test multipli."
    ),
    "look_at": (
        "Da guardare per primo: «{group}», il gruppo con il CSAT più basso tra i risultati "
        "principali."
    ),
    "look_at_nothing": (
        "Nessun gruppo è significativamente sotto gli altri: nessuna priorità dai dati di "
        "questo periodo."
    ),
    "summary_note": (
        "I risultati principali sono scelti con una regola fissa: gruppi di almeno 30 "
        "risposte, differenza significativa dopo la correzione di Benjamini–Hochberg su tutti"
        " i test del rapporto, i tre scarti di CSAT più grandi (al massimo uno per "
        "confronto). Le statistiche complete sono in appendice."
    ),
}

# The follow-ups of low ratings and the citizens asked again (analysis/report/follow_ups.py).
WORDS |= {
    "follow_ups": "Seguiti delle valutazioni basse",
    "follow_ups_none": "Nessun seguito per i casi del periodo.",
    "finding_follow_ups": (
        "Le valutazioni basse dei casi del periodo hanno aperto {total} seguiti: {closed} "
        "chiusi, {open} ancora da chiudere, di cui {overdue} oltre il termine."
    ),
    "finding_follow_ups_median": "Un seguito si chiude in una mediana di {days} giorni.",
    "finding_re_asks_none": (
        "Alla chiusura dei seguiti nessun cittadino è stato interpellato di nuovo."
    ),
    "finding_re_asks_few": (
        "Alla chiusura dei seguiti {asked} cittadini sono stati interpellati di nuovo e {answered}"
        " hanno risposto: meno di {k} risposte, le loro valutazioni non sono mostrate."
    ),
    "finding_re_asks": (
        "Alla chiusura dei seguiti {asked} cittadini sono stati interpellati di nuovo e "
        "{answered} hanno risposto: CSAT {again}, contro {first} della loro prima risposta; "
        "{improved} hanno alzato il voto. Queste risposte restano fuori dal CSAT principale."
    ),
    "follow_ups_outcome": "Esito",
    "follow_ups_share_closed": "Quota dei seguiti chiusi",
    "follow_ups_outcomes_caption": "Come si sono chiusi i seguiti",
    "follow_ups_month": "Mese di apertura",
    "follow_ups_open": "Da chiudere",
    "follow_ups_overdue": "Oltre il termine",
    "follow_ups_median_days": "Giorni per chiudere (mediana)",
    "outcome_recontacted_solved": "Ricontattato, risolto",
    "outcome_recontacted_nothing_more": "Ricontattato, nient'altro da fare",
    "outcome_unreachable": "Non raggiungibile",
    "outcome_not_a_service_problem": "Non un problema del servizio",
    "outcome_rating_improved": "Il cittadino ha alzato il voto",
}

LEVELS: dict[str, str] = {
    "resolved_yes": "Risolta",
    "resolved_partly": "Risolta in parte",
    "resolved_no": "Non risolta",
    "effort_easy": "Facile (5–7)",
    "effort_neutral": "Né facile né difficile (4)",
    "effort_hard": "Difficile (1–3)",
    "front_office": "Front Office",
    "back_office": "Back Office",
    "open": "Ancora aperte",
    "emergency": "Durante un'emergenza",
    "ordinary": "In tempi ordinari",
    "same_day": "in giornata",
    "1_3_days": "1–3 giorni",
    "4_7_days": "4–7 giorni",
    "8_30_days": "8–30 giorni",
    "over_30_days": "oltre 30 giorni",
    "abroad": "Estero",
    "time_to_close": "tempi di chiusura",
    "response_by_channel": "risposta per canale",
    "": "(non indicato)",
}


# report17: the department's topics in words (the main platform sends codes)
TOPICS: dict[str, str] = {
    "volontariato": "Volontariato",
    "attestati_benemerenza": "Attestati di benemerenza",
    "emergenze_in_corso": "Emergenze in corso",
    "rischio_sismico": "Rischio sismico",
    "allerte_meteo": "Allerte meteo",
    "rischio_idrogeologico": "Rischio idrogeologico",
    "piani_protezione_civile": "Piani di protezione civile",
    "lavoro_e_bandi": "Lavoro e bandi",
    "stampa": "Stampa",
    "altro": "Altro",
}

# Why a test could not be run, keyed by the English note `analysis` gives.
NOTES: dict[str, str] = {
    "one of the two groups has no answers": "uno dei due gruppi non ha risposte",
    "all answers are equal": "tutte le risposte sono uguali",
    "fewer than two groups": "meno di due gruppi con risposte",
    "fewer than four complete pairs": "meno di quattro coppie complete",
    "one of the two variables is constant": "una delle due variabili è costante",
    "fewer than two non-empty rows or columns": "meno di due gruppi con dati",
    "no answers": "nessuna risposta",
}

MONTHS = [
    "gennaio",
    "febbraio",
    "marzo",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "agosto",
    "settembre",
    "ottobre",
    "novembre",
    "dicembre",
]

# dossier: who asked, other bodies, service hours, the year-end summary
WORDS |= {
    "requester_kind": "richiedente",
    "part_requester_kind": "Chi ha fatto la richiesta",
    "by_requester_kind": "Soddisfazione per tipo di richiedente",
    "family_requester_kind": "Tipo di richiedente (Kruskal–Wallis)",
    "term_other_bodies": "Back Office con altri enti coinvolti",
}
WORDS |= {
    "hours": "Orari del servizio",
    "hours_ordinary": (
        "In ordinario il numero verde è attivo {days}, dalle {opening} alle {closing}, festivi "
        "nazionali esclusi; nei periodi di emergenza con l'orario esteso indicato per ciascuno."
    ),
    "hours_days_04": "dal lunedì al venerdì",
    "hours_days_05": "dal lunedì al sabato",
    "hours_days_06": "tutti i giorni",
    "hours_outside": (
        "Richieste telefoniche registrate fuori dall'orario in vigore: {count} (segnalate: "
        "messaggi in segreteria o chiamate prese a linea chiusa)."
    ),
    "hours_ordinary_period": "tempi ordinari",
    "hours_hours": "orario",
    "hours_round_the_clock": "h24",
    "hours_phone": "richieste telefoniche",
    "hours_outside_count": "fuori orario",
    "hours_inside_share": "nell'orario",
    "hours_caption": "Richieste telefoniche nell'orario in vigore, per periodo",
}
