"""The report's words in English: sentences with {placeholders}, labels, level names."""

WORDS: dict[str, str] = {
    "summary_follow_ups": (
        "Follow-ups of low ratings: {open} still to close, {overdue} of them past their due "
        "time (of {total} opened for the period's cases)."
    ),
    "summary_follow_ups_none": "No low rating of the period's cases opened a follow-up.",
    "finding_ewma": (
        "Weekly CSAT as an exponentially weighted moving average (EWMA, λ = {smoothing}, L = "
        "{width}; a signal when the average leaves the period's mean ± L σ): first signal in "
        "the week of {first} ({direction}); {weeks}."
    ),
    "finding_ewma_none": (
        "Weekly CSAT as an exponentially weighted moving average (EWMA, λ = {smoothing}, L = "
        "{width}; a signal when the average leaves the period's mean ± L σ): no signal in the "
        "period."
    ),
    "ewma_low": "CSAT fell",
    "ewma_high": "CSAT rose",
    "ewma_weeks": "{count} weeks outside the limits in all",
    "ewma_weeks_one": "1 week outside the limits in all",
    "chart_ewma_title": "Weekly CSAT (EWMA, λ = {smoothing}): weeks outside the limits: {count}",
    "chart_alt_ewma": (
        "Line chart of CSAT week by week (dots) and of its exponentially weighted moving "
        "average (EWMA) with its control limits; weeks with a signal are marked in red."
    ),
    "chart_week_axis": "week closed",
    "chart_weekly": "weekly CSAT",
    "chart_ewma": "EWMA",
    "chart_ewma_limits": "EWMA limits",
    "chart_signal": "signal",
    "drivers": "What goes with dissatisfaction",
    "driver_resolved": "request resolved",
    "driver_effort": "effort",
    "finding_driver": (
        "By {driver}: with “{level}” ({n} answers) CSAT is {csat} against {reference_csat} with"
        " “{reference}”; were those answers dissatisfied (scores 1–3) as often as with "
        "“{reference}”, there would be {explained} fewer dissatisfied answers."
    ),
    "finding_driver_none": (
        "By {driver}: no level of at least 30 answers is dissatisfied more often than "
        "“{reference}”."
    ),
    "dissatisfied_answers": "answers scoring 1–3",
    "explained": "share of dissatisfaction explained",
    "reference": "reference",
    "drivers_note": (
        "Share explained: the answers scoring 1–3 beyond those the reference's share of "
        "dissatisfied answers would give, over all answers scoring 1–3 (attributable fraction, "
        "Levin 1953). It is an association, not a cause: an unresolved request may also be the "
        "harder one."
    ),
    "offices": "Satisfaction by office",
    "finding_funnel": (
        "Outside the 99.8 % limits around the offices' average CSAT ({centre}): {offices}."
    ),
    "funnel_office": "{office} (CSAT {csat}, {n} answers)",
    "finding_funnel_none": (
        "None of the {offices} offices with at least {k} answers is outside the 99.8 % limits "
        "around the offices' average CSAT ({centre}): the differences between offices are what "
        "chance gives."
    ),
    "finding_funnel_missing": "No office has at least {k} answers: offices cannot be compared.",
    "funnel_position": "against the limits",
    "within_limits": "within the limits",
    "outside_95": "outside 95 %",
    "outside_998": "outside 99.8 %",
    "funnel_note": (
        "Funnel plot (Spiegelhalter 2005): an office with the offices' average CSAT stays "
        "within the 95 % limits 19 times in 20 and within the 99.8 % limits 998 times in 1,000;"
        " small offices have wider limits. Only requests passed to a Back Office office."
    ),
    "chart_funnel_axis": "answers about the office's requests",
    "chart_limits_95": "95 % limits",
    "chart_limits_998": "99.8 % limits",
    "chart_offices": "offices",
    "chart_alt_funnel": (
        "Funnel plot: each office's CSAT against its number of answers, with the 95 % and 99.8 "
        "% limits around the offices' average."
    ),
    "referents": "The referents' consultation",
    "no_consultation": "No referents' consultation opened in the period.",
    "finding_consultation": (
        "“{title}”: {answered} answers from {invited} invited referents ({state})."
    ),
    "consultation_open": "open",
    "consultation_closed": "closed",
    "consultation_hidden": (
        "“{title}”: fewer than {k} answers, no results shown to protect anonymity."
    ),
    "finding_scale": "{scale}: mean {mean} (95 % CI {low}–{high}).",
    "col_scale": "scale",
    "col_mean": "mean",
    "col_interval": "95 % CI",
    "col_sd": "SD",
    "col_alpha": "Cronbach's alpha",
    "col_office": "office",
    "col_answers": "answers",
    "hidden_group": "fewer than {k} answers",
    "referents_note": (
        "Groups with fewer than {k} answers are hidden, with complementary suppression; "
        "every answer is anonymous by construction."
    ),
    "waves_finding": (
        "Compared with “{earlier}”: {up} scale(s) improved, {down} worsened, {same} without a "
        "change shown (Welch and two-proportion tests, Holm-corrected over the scales)."
    ),
    "waves_apart": "Not compared, their questions changed: {scales}.",
    "waves_caption": "Change since the previous wave (95 % CI)",
    "col_mean_before": "mean before",
    "col_mean_now": "mean now",
    "col_mean_change": "change of the mean",
    "col_favourable_before": "favourable before",
    "col_favourable_now": "favourable now",
    "col_favourable_change": "change of favourable (points)",
    "col_verdict": "verdict",
    "verdict_up": "improved",
    "verdict_down": "worse",
    "verdict_no_change": "no change shown",
    "title": "Ascolto — citizen satisfaction report",
    "period": "Requests opened from {start} to {end} (excluded)",
    "generated": "Report generated by Ascolto; data as of {today}.",
    "contents": "Contents",
    "page": "Page",
    "page_of": "of",
    "empty": "No request was opened in this period: there is nothing to analyse.",
    "no_answers": "No citizen has answered yet for the requests of this period.",
    "headline": "Headline figures",
    "satisfaction": "Citizen satisfaction",
    "path": "Front Office and Back Office",
    "factors": "Channels, request types, requesters, topics and regions",
    "time": "Time to close",
    "emergency": "Emergencies and ordinary times",
    "respondents": "Who answered",
    "family": "All the tests together (Benjamini–Hochberg)",
    "comments": "Citizens' comments",
    "methods": "Method notes",
    "cases": "requests",
    "answers": "answers",
    "share": "share",
    "group": "group",
    "mean": "mean score (1–5)",
    "csat": "CSAT (score 4 or 5)",
    "interval": "95 % CI",
    "n": "n",
    "metric": "metric",
    "value": "value",
    "day": "day",
    "from": "from",
    "to": "to",
    "per_day": "per day",
    "name": "name",
    "test": "test",
    "p": "p",
    "q": "q (BH)",
    "significant": "significant",
    "yes": "yes",
    "no": "no",
    "none": "—",
    "not_available": "n/a",
    "channel": "channel",
    "request_type": "request type",
    "topic": "topic",
    "region": "region",
    "resolution_path": "outcome",
    "term": "term",
    "odds_ratio": "odds ratio",
    "emergency_name": "emergency",
    "respondents_share": "among respondents",
    "nonrespondents_share": "among non-respondents",
    "score": "score",
    "comment": "comment",
    "hidden_groups_one": "1 group with fewer than {k} answers is not shown, for anonymity.",
    "small_flag": "* few answers (fewer than 30), in grey: a rough estimate, never a headline.",
    "hidden_groups": "{count} groups with fewer than {k} answers are not shown, for anonymity.",
    "hidden_cell": "fewer than {k} answers",
}
WORDS |= {
    "finding_volume": "{cases} requests were opened in the period, {per_day} a day on average.",
    "finding_top": (
        "The most used channel is “{channel}” ({channel_share} of requests); "
        "the most frequent type is “{kind}” ({kind_share})."
    ),
    "finding_path": (
        "{front} of requests were closed at the Front Office with an immediate answer, "
        "{back} at the Back Office after research by a referent, {open} are still open or "
        "being handled."
    ),
    "finding_peak": "The peak day was {day}, with {cases} requests ({times} times the average).",
    "finding_peak_emergency": " The emergency “{name}” was under way.",
    "finding_response": (
        "{answers} citizens answered the questionnaire out of {closed} closed requests: "
        "a response rate of {rate}."
    ),
    "finding_csat": (
        "{csat} of the {n} citizens who answered gave a score of 4 or 5 out of 5; "
        "the mean score is {mean}."
    ),
    "finding_nps": (
        "Net Promoter Score {nps} points (promoters minus detractors); Customer Effort Score "
        "{ces} out of 7 (7 = very easy); {resolved} say their request was resolved."
    ),
    "finding_gap": (
        "CSAT of requests closed at the Back Office is {back}, against {front} at the Front "
        "Office: a difference of {points}."
    ),
    "finding_gap_missing": "There are not enough answers to compare Front and Back Office.",
    "lower": "lower",
    "higher": "higher",
    "finding_model": (
        "On equal channel, request type, emergency, office and hours to close, the odds of a "
        "higher score for a request closed at the Back Office are {ratio}× those of the Front"
        " Office (95 % CI {low}–{high}; {q}); in CSAT the adjusted difference is {points}: "
        "{meaning}"
    ),
    "model_lower": "the Back Office stays below the Front Office on equal terms.",
    "model_higher": "the Back Office stays above the Front Office on equal terms.",
    "model_unclear": (
        "on equal terms the difference is not significant after correcting for multiple tests."
    ),
    "finding_model_missing": (
        "The adjusted model cannot be fitted with these answers "
        "(it needs answers from both the Front and the Back Office)."
    ),
    "finding_spread": (
        "By {factor}, “{group}” differs most from the rest ({n} answers): CSAT {points} "
        "against the other answers."
    ),
    "finding_spread_none": (
        "By {factor}, no group of at least 30 answers differs from the rest significantly "
        "after correcting for multiple tests."
    ),
    "finding_time": (
        "Among times to close, the band “{band}” differs most ({n} answers): CSAT {points} "
        "against the other bands."
    ),
    "finding_time_none": (
        "No time-to-close band of at least 30 answers differs from the others significantly "
        "after correcting for multiple tests."
    ),
    "finding_emergency": (
        "CSAT of requests opened during an emergency is {emergency}, against {ordinary} in "
        "ordinary times: a difference of {points}."
    ),
    "finding_emergency_missing": (
        "There are not enough answers to compare emergencies with ordinary times."
    ),
    "finding_bias": (
        "Response rates differ a lot between channels: respondents do not represent every "
        "channel alike, so read per-channel comparisons beside the weighted figures."
    ),
    "finding_weighted": (
        "Weighting answers by channel and outcome to match the closed requests, CSAT is "
        "{weighted} (unweighted {raw}); Kish effective sample size {effective}; share of "
        "closed requests in cells without answers: {uncovered}."
    ),
    "finding_sample_size": (
        "Estimating CSAT within ±5 percentage points needs {five} answers, within ±3 points "
        "{three} (out of {population} closed requests); the {answers} answers, weighted, are "
        "worth {effective} answers of a random sample (Kish effective size). These margins "
        "measure sampling error only: they do not cover citizens choosing whether to answer, "
        "which no weighting fully corrects."
    ),
    "finding_family": (
        "{kept} of the report's {tests} tests stay significant with the false discovery "
        "rate held at 5 % (Benjamini–Hochberg)."
    ),
    "no_comments": "No citizen left a comment on the requests of the period.",
    "finding_comments": "{count} comments in the period; the {shown} latest are shown.",
    "comments_hidden": (
        "Comments are shown only when the period has at least {k} answers, for anonymity."
    ),
    "test_not_run": "{test}: could not be computed ({why}).",
    "test_mann_whitney": "Mann–Whitney",
    "test_kruskal_wallis": "Kruskal–Wallis",
    "test_spearman": "Spearman",
    "test_chi_square": "Chi-square",
    "sentence_mann_whitney": (
        "Mann–Whitney: U = {statistic}, {p} (n = {n}); rank-biserial correlation r = {effect}"
        " (r > 0: higher scores for “{first}” than for “{second}”). {verdict}"
    ),
    "sentence_kruskal_wallis": (
        "Kruskal–Wallis: H = {statistic}, df = {df}, {p} (n = {n}); ε² = {effect}. {verdict}"
    ),
    "sentence_spearman": (
        "Spearman correlation of days to close with the score: ρ = {effect}, {p} (n = {n}). "
        "{verdict}"
    ),
    "sentence_chi_square": (
        "Chi-square: χ² = {statistic}, df = {df}, {p} (n = {n}); Cramér's V = {effect}. {verdict}"
    ),
    "verdict_yes": (
        "Significant at 5 % after the Benjamini–Hochberg correction for multiple tests ({q})."
    ),
    "verdict_no": (
        "Not significant at 5 % after the Benjamini–Hochberg correction for multiple tests ({q})."
    ),
}
WORDS |= {
    "part_channel": "Channels",
    "part_request_type": "Request types",
    "part_topic": "Topics",
    "part_region": "Regions",
    "by_channel": "Requests by channel",
    "by_request_type": "Requests by type",
    "by_resolution_path": "Requests by outcome",
    "by_topic": "Satisfaction by topic",
    "by_region": "Satisfaction by region",
    "peak_days": "The busiest days",
    "emergency_periods": "Emergency periods",
    "no_emergencies": "No emergency period in the period.",
    "nps": "Net Promoter Score (points, −100…100)",
    "ces": "Customer Effort Score (1–7)",
    "resolution": "Request resolved (yes)",
    "distribution": "Distribution of scores (1–5)",
    "model_caption": "Proportional-odds model: odds ratios of a higher score",
    "model_note": (
        "Reference: {references}; n = {n}. Odds ratio < 1: lower scores than the reference."
    ),
    "period_kind": "period",
    "time_band": "time to close",
    "p_holm": "p (Holm)",
    "not_estimable": "not estimable (every answer has the same score)",
    "dunn_caption": "Pairs of groups that differ after Holm's correction (Dunn), by {factor}",
    "closed": "closed requests",
    "response_rate": "response rate",
    "rates_caption": "Response rate by channel",
    "hidden_invited": "fewer than {k} closed requests",
    "shares_caption": "Who answered and who did not, by {factor}",
    "effective_n": "sample size (effective if weighted)",
    "raw": "unweighted",
    "weighted": "weighted (post-stratification)",
    "weighted_caption": "Unweighted and weighted by channel and outcome",
    "chart_small": "(* few answers, pale bars: fewer than 30)",
    "chart_alt_groups": (
        "Bar chart of CSAT by {factor}, with each group's 95 % confidence interval."
    ),
    "chart_alt_time": (
        "Dot chart of the mean score by time to close, with each band's 95 % confidence interval."
    ),
    "chart_alt_response": (
        "Bar chart of the response rate by channel, with its 95 % confidence interval."
    ),
    "chart_alt_trend": (
        "Line chart of CSAT month by month with its 3-sigma control limits; emergency periods "
        "are shaded."
    ),
    "chart_csat_axis": "CSAT: scores 4 or 5 (%)",
    "chart_time_axis": "time to close",
    "chart_response_axis": "response rate (%)",
    "chart_month_axis": "month of closing",
    "chart_hidden": "{channels}: fewer than 5 closed requests",
    "chart_csat": "CSAT",
    "chart_limits": "3-sigma limits",
    "chart_average": "average",
    "chart_emergency": "emergency",
    "chart_trend": "Monthly CSAT: {months} month(s) outside the 3-sigma control limits",
    "chart_response_bias": "Response rates differ a lot between channels",
    "chart_response_even": "Response rates are similar across channels",
    "family_resolution_path": "Front and Back Office (Mann–Whitney)",
    "family_channel": "Channel (Kruskal–Wallis)",
    "family_request_type": "Request type (Kruskal–Wallis)",
    "family_topic": "Topic (Kruskal–Wallis)",
    "family_region": "Region (Kruskal–Wallis)",
    "family_time_to_close": "Time to close (Spearman)",
    "family_emergency": "Emergencies and ordinary times (Mann–Whitney)",
    "family_response_by_channel": "Response by channel (chi-square)",
    "method": "method",
    "what": "what it measures",
    "source": "source",
}

# report17: the adjusted model, its checks and the verdicts read from one family
WORDS |= {
    "office": "office",
    "term_hours": "hours to close (log 1 + hours)",
    "term_emergency": "opened during an emergency",
    "pooled_offices": "other offices (fewer than {k} answers each)",
    "points_unit": "points",
    "csat_points": "adjusted CSAT difference",
    "model_points_note": (
        "CSAT difference: the probability of a score of 4 or 5 with the term against the "
        "reference, averaged over the answers, in percentage points (delta-method interval); "
        "for hours, closing after a week against within the hour; for an office, against the "
        "average Back Office office. q: p-value adjusted with Benjamini–Hochberg over all of "
        "the report's tests."
    ),
    "po_not_run": "The proportional-odds assumption could not be checked with these answers.",
    "po_holds": (
        "The proportional-odds assumption holds (Brant test: χ² = {statistic}, df = {df}, "
        "{p}): each odds ratio applies alike at every score threshold."
    ),
    "po_fails": (
        "The proportional-odds assumption does not hold (Brant test: χ² = {statistic}, df = "
        "{df}, {p}); the terms that break it: {terms}. For these the odds ratio is an average"
        " over the score thresholds: read the CSAT difference, which the model gives at the "
        "4–5 threshold."
    ),
    "sentence_non_response_days": (
        "Days to close, respondents against non-respondents (Mann–Whitney): U = {statistic}, "
        "{p} (n = {n}); r = {effect} (r > 0: respondents waited longer for their request to "
        "close). {verdict}"
    ),
}

# report17: the director's first page
WORDS |= {
    "quoted": "“{name}”",
    "summary": "At a glance",
    "key_figures": "Five key figures, with their 95 % confidence interval",
    "key_csat": "Satisfaction (CSAT, score 4 or 5)",
    "key_nps": "Net Promoter Score (−100…100)",
    "key_ces": "Ease (Customer Effort Score, 1–7)",
    "key_resolution": "Request resolved",
    "key_response_rate": "Response rate",
    "change_previous": "change on the previous period",
    "target": "target",
    "target_met": "met",
    "target_missed": "missed",
    "target_unclear": "cannot tell (the interval contains it)",
    "no_previous": "no data",
    "no_previous_note": "The previous period of the same length has no requests: no comparison.",
    "the_rest": "all the other answers",
    "headline_finding": (
        "{factor} “{group}” compared with {reference}: CSAT {points} ({n} answers against "
        "{reference_n})."
    ),
    "no_headline": (
        "No difference between groups of at least 30 answers is significant after correcting "
        "for multiple tests."
    ),
    "look_at": (
        "Look first at: “{group}”, the group with the lowest CSAT among the main findings."
    ),
    "look_at_nothing": (
        "No group is significantly below the others: the period's data set no priority."
    ),
    "summary_note": (
        "The main findings follow a fixed rule: groups of at least 30 answers, a difference "
        "significant after the Benjamini–Hochberg correction over all of the report's tests, "
        "the three largest CSAT gaps (at most one per comparison). The full statistics are in"
        " the appendix."
    ),
}

# The follow-ups of low ratings and the citizens asked again (analysis/report/follow_ups.py).
WORDS |= {
    "follow_ups": "Follow-ups of low ratings",
    "follow_ups_none": "No follow-up for the period's cases.",
    "finding_follow_ups": (
        "Low ratings of the period's cases opened {total} follow-ups: {closed} closed, {open} "
        "still to close, {overdue} of them past their due time."
    ),
    "finding_follow_ups_median": "A follow-up is closed in a median of {days} days.",
    "finding_re_asks_none": "No citizen was asked again when the follow-ups were closed.",
    "finding_re_asks_few": (
        "When the follow-ups were closed, {asked} citizens were asked again and {answered} "
        "answered: fewer than {k} answers, so their ratings are not shown."
    ),
    "finding_re_asks": (
        "When the follow-ups were closed, {asked} citizens were asked again and {answered} "
        "answered: CSAT {again}, against {first} in their first answer; {improved} raised their "
        "rating. These answers stay out of the main CSAT."
    ),
    "follow_ups_outcome": "Outcome",
    "follow_ups_share_closed": "Share of the closed follow-ups",
    "follow_ups_outcomes_caption": "How the follow-ups were closed",
    "follow_ups_month": "Month opened",
    "follow_ups_open": "To close",
    "follow_ups_overdue": "Past due",
    "follow_ups_median_days": "Days to close (median)",
    "outcome_recontacted_solved": "Recontacted, solved",
    "outcome_recontacted_nothing_more": "Recontacted, nothing more to do",
    "outcome_unreachable": "Unreachable",
    "outcome_not_a_service_problem": "Not a service problem",
    "outcome_rating_improved": "The citizen raised the rating",
}

LEVELS: dict[str, str] = {
    "resolved_yes": "Resolved",
    "resolved_partly": "Partly resolved",
    "resolved_no": "Not resolved",
    "effort_easy": "Easy (5–7)",
    "effort_neutral": "Neither easy nor hard (4)",
    "effort_hard": "Hard (1–3)",
    "front_office": "Front Office",
    "back_office": "Back Office",
    "open": "Still open",
    "emergency": "During an emergency",
    "ordinary": "Ordinary times",
    "same_day": "same day",
    "1_3_days": "1–3 days",
    "4_7_days": "4–7 days",
    "8_30_days": "8–30 days",
    "over_30_days": "over 30 days",
    "abroad": "Abroad",
    "time_to_close": "time to close",
    "response_by_channel": "response by channel",
    "": "(not given)",
}


# report17: the department's topics in words (the main platform sends codes)
TOPICS: dict[str, str] = {
    "volontariato": "Volunteering",
    "attestati_benemerenza": "Certificates of merit",
    "emergenze_in_corso": "Current emergencies",
    "rischio_sismico": "Seismic risk",
    "allerte_meteo": "Weather alerts",
    "rischio_idrogeologico": "Hydrogeological risk",
    "piani_protezione_civile": "Civil protection plans",
    "lavoro_e_bandi": "Jobs and calls for tenders",
    "stampa": "Press",
    "altro": "Other",
}

# Why a test could not be run, keyed by the English note `analysis` gives.
NOTES: dict[str, str] = {}

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

# dossier: who asked, other bodies, service hours, the year-end summary
WORDS |= {
    "requester_kind": "requester",
    "part_requester_kind": "Who made the request",
    "by_requester_kind": "Satisfaction by kind of requester",
    "family_requester_kind": "Kind of requester (Kruskal–Wallis)",
    "term_other_bodies": "Back Office with other bodies involved",
}
WORDS |= {
    "hours": "Service hours",
    "hours_ordinary": (
        "In ordinary times the toll-free line is open {days}, from {opening}:00 to {closing}:00, "
        "national public holidays excepted; during emergency periods with the extended hours "
        "given for each."
    ),
    "hours_days_04": "Monday to Friday",
    "hours_days_05": "Monday to Saturday",
    "hours_days_06": "every day",
    "hours_outside": (
        "Phone requests registered outside the hours in force: {count} (flagged: voicemails "
        "or calls taken while the line was closed)."
    ),
    "hours_ordinary_period": "ordinary times",
    "hours_hours": "hours",
    "hours_round_the_clock": "24 h",
    "hours_phone": "phone requests",
    "hours_outside_count": "outside the hours",
    "hours_inside_share": "inside the hours",
    "hours_caption": "Phone requests inside the hours in force, by period",
}
