"""Method notes: what each figure and test is, with its published source."""

from __future__ import annotations

from analysis.report.structure import Context, Section, Table

# (method, what it measures per language, source). Sources are the ones the `analysis`
# functions cite in their docstrings.
METHODS: tuple[tuple[str, dict[str, str], str], ...] = (
    (
        "CSAT, Wilson",
        {
            "it": "Quota di voti 4 o 5 su 5, con intervallo di confidenza al 95 % di Wilson.",
            "en": "Share of scores 4 or 5 out of 5, with Wilson's 95 % confidence interval.",
        },
        "Wilson (1927), JASA 22, 209–212; Agresti & Coull (1998), Am. Stat. 52, 119–126.",
    ),
    (
        "Net Promoter Score",
        {
            "it": "Promotori (9–10) meno detrattori (0–6), in punti; intervallo Wald aggiustato.",
            "en": "Promoters (9–10) minus detractors (0–6), in points; adjusted-Wald interval.",
        },
        "Reichheld (2003), Harvard Business Review 81(12); Sauro & Lewis (2016), "
        "Quantifying the User Experience, 2nd ed.",
    ),
    (
        "Customer Effort Score",
        {
            "it": "Media dell'accordo (1–7) con «mi ha reso facile gestire la richiesta».",
            "en": "Mean agreement (1–7) with “made it easy to handle my request”.",
        },
        "Dixon, Freeman & Toman (2010), Harvard Business Review 88(7/8).",
    ),
    (
        "Mann–Whitney U, rank-biserial r",
        {
            "it": "Confronta i voti di due gruppi senza assumere una distribuzione; r misura "
            "quanto un gruppo tende a stare sopra l'altro (−1…1).",
            "en": "Compares the scores of two groups without assuming a distribution; r is how "
            "far one group tends to rank above the other (−1…1).",
        },
        "Mann & Whitney (1947), Ann. Math. Stat. 18, 50–60; Lehmann (1975), Nonparametrics; "
        "Kerby (2014), Compr. Psychol. 3.",
    ),
    (
        "Kruskal–Wallis H, ε²",
        {
            "it": "Confronta i voti di più gruppi; ε² è la quota di variabilità dei ranghi "
            "spiegata dai gruppi.",
            "en": "Compares the scores of several groups; ε² is the share of rank variation "
            "explained by the groups.",
        },
        "Kruskal & Wallis (1952), JASA 47, 583–621; Tomczak & Tomczak (2014), Trends Sport "
        "Sci. 21, 19–25.",
    ),
    (
        "Dunn, Holm",
        {
            "it": "Confronti a coppie dopo Kruskal–Wallis, corretti per i confronti multipli.",
            "en": "Pairwise comparisons after Kruskal–Wallis, corrected for multiple comparisons.",
        },
        "Dunn (1964), Technometrics 6, 241–252; Holm (1979), Scand. J. Statist. 6, 65–70.",
    ),
    (
        "Spearman ρ",
        {
            "it": "Correlazione tra ranghi dei giorni per la chiusura e del voto.",
            "en": "Rank correlation of days to close with the score.",
        },
        "Spearman (1904), Am. J. Psychol. 15, 72–101; Bonett & Wright (2000), Psychometrika "
        "65, 23–28.",
    ),
    (
        "Proportional odds",
        {
            "it": "Regressione ordinale del voto su esito, canale, tipo di richiesta, emergenza, "
            "ufficio e log(1 + ore per la chiusura): l'odds ratio confronta le probabilità di un "
            "voto più alto a parità del resto; la differenza di CSAT in punti è la media sulle "
            "risposte (effetto marginale medio). Le ore e non i giorni: il Front Office chiude "
            "in poche ore, e in giorni di calendario tempo ed esito si confondono. L'ufficio è "
            "un effetto fisso con codifica a somma zero tra gli uffici del Back Office, non "
            "un'intercetta casuale: l'ufficio decide i tempi e i tipi di richiesta che riceve, "
            "mentre un'intercetta casuale li suppone indipendenti; gli uffici con meno di 30 "
            "risposte sono uniti. L'ipotesi di odds proporzionali è verificata col test di Brant.",
            "en": "Ordinal regression of the score on outcome, channel, request type, emergency, "
            "office and log(1 + hours to close): the odds ratio compares the odds of a higher "
            "score, all else equal; the CSAT difference in points is averaged over the answers "
            "(average marginal effect). Hours, not days: the Front Office closes within hours, "
            "and calendar days confound time with outcome. The office is a fixed effect, "
            "sum-to-zero coded among Back Office offices, not a random intercept: the office "
            "decides the wait and the requests it gets, while a random intercept assumes them "
            "independent; offices with fewer than 30 answers are pooled. The proportional-odds "
            "assumption is checked with Brant's test.",
        },
        "McCullagh (1980), JRSS B 42, 109–142; Agresti (2010), Analysis of Ordinal "
        "Categorical Data, 2nd ed.; Brant (1990), Biometrics 46, 1171–1178.",
    ),
    (
        "Newcombe",
        {
            "it": "Intervallo al 95 % della differenza tra due CSAT, dai due intervalli di Wilson.",
            "en": "95 % interval of the difference of two CSAT shares, from their Wilson "
            "intervals.",
        },
        "Newcombe (1998), Stat. Med. 17, 873–890 (method 10).",
    ),
    (
        "Chi-square, Cramér's V",
        {
            "it": "Verifica se la risposta dipende dal canale o se chi risponde differisce da "
            "chi non risponde.",
            "en": "Tests whether answering depends on the channel, or respondents differ from "
            "non-respondents.",
        },
        "Pearson (1900), Phil. Mag. 50, 157–175; Cramér (1946), Mathematical Methods of "
        "Statistics.",
    ),
    (
        "Post-stratification, Kish",
        {
            "it": "Pesa le risposte perché canale ed esito abbiano le quote delle richieste "
            "chiuse; la numerosità effettiva misura la precisione persa con i pesi.",
            "en": "Weights answers so channel and outcome have the shares of the closed "
            "requests; the effective size is the precision left after weighting.",
        },
        "Holt & Smith (1979), JRSS A 142, 33–46; Kish (1965), Survey Sampling.",
    ),
    (
        "Sample size",
        {
            "it": "Risposte necessarie per un margine di ±3 o ±5 punti al 95 % (p = 0,5), con "
            "correzione per popolazione finita.",
            "en": "Answers needed for a ±3 or ±5 point margin at 95 % (p = 0.5), with the "
            "finite-population correction.",
        },
        "Cochran (1977), Sampling Techniques, 3rd ed.; Dipartimento della Funzione Pubblica "
        "(2003), La customer satisfaction per la qualità dei servizi pubblici.",
    ),
    (
        "Benjamini–Hochberg",
        {
            "it": "Corregge i valori p di tutti i test del rapporto tenendo al 5 % la quota "
            "attesa di falsi positivi tra i risultati significativi.",
            "en": "Adjusts the p-values of all the report's tests, holding the expected share "
            "of false positives among significant results at 5 %.",
        },
        "Benjamini & Hochberg (1995), JRSS B 57, 289–300.",
    ),
    (
        "p-chart",
        {
            "it": "CSAT mensile con limiti di controllo a 3 sigma.",
            "en": "Monthly CSAT with 3-sigma control limits.",
        },
        "Montgomery, Introduction to Statistical Quality Control, ch. 7.",
    ),
)

# The referents' consultation as a programme of waves (analysis.waves, .heatmap, .drivers).
METHODS += (
    (
        "Waves: Welch, Newcombe, Holm",
        {
            "it": "Variazione di media e quota di favorevoli di ogni scala tra due edizioni, "
            "trattate come campioni indipendenti (le risposte sono anonime); intervallo di Welch "
            "per la media e ibrido di Newcombe per la quota, correzione di Holm su tutte le "
            "scale. Le scale con domande cambiate non sono confrontate.",
            "en": "Change of each scale's mean and favourable share between two waves, taken "
            "as independent samples (answers are anonymous); Welch's interval for the mean, "
            "Newcombe's hybrid score interval for the share, Holm's correction over all the "
            "scales. Scales whose questions changed are not compared.",
        },
        "Welch (1947), Biometrika 34, 28–35; Newcombe (1998), Stat. Med. 17, 873–890; "
        "Holm (1979), Scand. J. Statist. 6, 65–70.",
    ),
    (
        "Heatmap, complementary suppression",
        {
            "it": "Quota di favorevoli per gruppo e scala; caselle sotto la soglia vuote, e "
            "con loro la più piccola della stessa colonna se una sola resterebbe ricavabile "
            "dal totale.",
            "en": "Favourable share by group and scale; cells under the threshold blank, and "
            "the smallest of the same column too when a single one could be worked out from "
            "the total.",
        },
        "Hundepool et al. (2012), Statistical Disclosure Control, Wiley, ch. 4.",
    ),
    (
        "Drivers: Shapley values of R² (LMG)",
        {
            "it": "Quota della varianza della soddisfazione complessiva spiegata da ogni scala, "
            "divisa in parti eque tra scale correlate (media su tutti gli ordini di "
            "inserimento); a differenza dei coefficienti standardizzati non dipende "
            "dall'ordine e le quote sommano all'R². Intervalli bootstrap al 95 %. «Da "
            "migliorare prima»: peso sopra la media, favorevoli sotto la mediana.",
            "en": "Share of the variance of overall satisfaction each scale accounts for, "
            "split fairly between correlated scales (averaged over every order of entry); "
            "unlike standardised coefficients it does not depend on the order and the shares "
            "add up to R². 95 % bootstrap intervals. “Fix first”: above-average weight, "
            "favourable share below the median.",
        },
        "Lindeman, Merenda & Gold (1980), Introduction to Bivariate and Multivariate "
        "Analysis; Grömping (2007), Am. Stat. 61, 139–147.",
    ),
)

NOTES = {
    "it": (
        "Giorni e mesi sono quelli di Roma (Europe/Rome). Il tasso di risposta è calcolato "
        "sulle richieste chiuse del periodo. Per l'anonimato i gruppi con meno di 5 risposte "
        "non sono mostrati e i commenti compaiono solo con almeno 10 risposte; i gruppi con "
        "meno di 30 risposte sono segnati con *. Ogni giudizio «significativo» usa il valore p "
        "corretto (q) di Benjamini–Hochberg sull'insieme di tutti i test del rapporto."
    ),
    "en": (
        "Days and months are Rome's (Europe/Rome). The response rate is over the period's "
        "closed requests. For anonymity, groups with fewer than 5 answers are not shown and "
        "comments appear only from 10 answers; groups with fewer than 30 answers are marked "
        "with *. Every verdict of “significant” uses the Benjamini–Hochberg adjusted p-value (q) "
        "over all of the report's tests together."
    ),
}


def methods_section(context: Context) -> Section:
    """What each figure and test is, with its source."""
    rows = tuple((name, what[context.lang], source) for name, what, source in METHODS)
    header = (context.t("method"), context.t("what"), context.t("source"))
    return Section("methods", context.t("methods"), (NOTES[context.lang],), (Table(header, rows),))
