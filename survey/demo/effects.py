"""The effects the demo's citizen answers carry, stated here so that tests, and anyone reading
the analysis of the demo, can check the analysis finds them.

Answers come from an ordinal latent-variable model: a latent satisfaction

    y* = sum of the effects below + logistic noise

and a satisfaction score of 1 plus the number of THRESHOLDS below y*. That is the
proportional-odds model `analysis.ordinal` fits (P(score <= j) = F(theta_j - x'beta), F
logistic), so the coefficients here are what `analysis.adjusted.adjusted_satisfaction_model`
should estimate for the terms it has (path, channel, request type, log(1 + days to close)).
Resolution, effort and recommendation are read off the same y*, so they move with satisfaction
because the same experience drives them, not because they were painted on afterwards.

The effects themselves are assumptions, chosen to be plausible and large enough to be seen in
about 2,000 answers; the sizes are not from the dossier, which reports no satisfaction figures.
"""

from __future__ import annotations

# Cut points of the 1-5 score on the latent scale: a Front Office phone request for information
# closed the same day outside emergencies scores 4.1 on average (79 % give 4 or 5).
THRESHOLDS = (-3.5, -2.5, -1.3, 0.2)

# Effects on the latent scale (log odds of a higher score).
BACK_OFFICE = -0.30  # handed to an office: the citizen waited and was passed on
LOG_DAYS_TO_CLOSE = -0.20  # per unit of log(1 + calendar days from opening to closing)
EMERGENCY = -0.30  # opened during an emergency period: busy lines, worried callers
# A Back Office case coordinated with other bodies: the citizen is passed on once more, and the
# answer may be another body's (on top of the longer wait, survey.demo.handling).
OTHER_BODIES = -0.25
# Who asked: members of the civil-protection service know the department and its words;
# institutions expect a formal answer and are harder to please (assumed).
REQUESTER_KIND = {
    "citizen": 0.0,
    "civil_protection": 0.3,
    "institution": -0.3,
    "organisation": 0.0,
    "business": -0.1,
}
REQUEST_TYPE = {
    "information": 0.0,
    "report": -0.1,
    "intervention": -0.3,
    "complaint": -1.0,  # complaints score lower
    "compliment": 1.5,  # compliments score higher
    "offer": 0.4,
    "other": -0.1,
}
CHANNEL = {  # phone (answered on the spot, rated by IVR) slightly above written channels
    "phone": 0.0,
    "web_form": -0.25,
    "email": -0.30,
    "pec": -0.35,
    "fax": -0.30,
    "letter": -0.30,
}

# The raw gap these imply on the demo year's mix (mean score, Back Office minus Front Office):
# the path effect plus the longer wait and the heavier share of complaints and written
# channels at Back Office. Measured on generated years (-0.53, sd 0.07 between seeds); tests
# check it within 0.2.
EXPECTED_BACK_OFFICE_GAP = -0.5

# "Was your request resolved?": read off y* plus noise, with Back Office cases more often
# "no" at the same satisfaction (an office may have to say it cannot help).
RESOLVED_BACK_OFFICE = -0.7
RESOLVED_NOISE = 1.0
RESOLVED_CUTS = (-3.0, -1.6)  # below the first: "no"; below the second: "partly"; else "yes"

# Effort (CES 2.0, 1-7 agreement that "the Department made it easy") and recommendation
# (NPS 0-10): a line in y* plus normal noise, rounded and clipped to the scale.
EFFORT_AT_ZERO, EFFORT_SLOPE, EFFORT_NOISE = 5.2, 0.75, 0.9
RECOMMEND_AT_ZERO, RECOMMEND_SLOPE, RECOMMEND_NOISE = 7.5, 1.2, 1.4

# Response rates of closed cases, by the channel the case came in and how the answer reached
# us (assumed; the brief for the demo: written channels 25-30 %, phone callers by IVR 8-10 %,
# letters and faxes rarely). Web-form users mostly answer the emailed link; the rest the link
# shown when the case closed. Phone callers rate by keypad after the call; a few tell the
# operator.
RESPONSE_RATES = {
    "phone": {"ivr": 0.09, "operator": 0.01},
    "web_form": {"email_link": 0.24, "web_link": 0.04},
    "email": {"email_link": 0.28},
    "pec": {"email_link": 0.26},
    "fax": {"web_link": 0.03},
    "letter": {"web_link": 0.03},
}
EDITED_SHARE = 0.06  # answers through a link changed once within the edit window


def linear_predictor(
    *,
    back_office: bool,
    log_days: float,
    emergency: bool,
    request_type: str,
    channel: str,
    other_bodies: bool = False,
    requester_kind: str = "citizen",
) -> float:
    """The systematic part of y* for one case."""
    return (
        BACK_OFFICE * back_office
        + OTHER_BODIES * other_bodies
        + REQUESTER_KIND[requester_kind]
        + LOG_DAYS_TO_CLOSE * log_days
        + EMERGENCY * emergency
        + REQUEST_TYPE[request_type]
        + CHANNEL[channel]
    )


# The referents' second consultation (July 2013), which follows the first anniversary's. After
# the first wave management decided two actions: deadlines agreed with the offices for requests
# in emergencies (timeliness) and a direct line to the Front Office during emergencies
# (collaboration). The second wave's referents are that much happier on those scales, in
# standard deviations of their mood (the demo's referents answer from one mood, SD 1 within an
# office); every other scale is as it was. Large enough to be seen with some twenty answers a
# wave: the comparison should find timeliness up, and nothing on the unchanged scales.
REFERENT_WAVE_SHIFTS = {"timeliness": 1.2, "collaboration": 0.6}
# How the second wave's referents answer "have you seen this action carried out?", by the
# action's state when the wave opens.
ACTION_SEEN = {
    "done": (("yes", 0.7), ("partly", 0.2), ("no", 0.05), ("dont_know", 0.05)),
    "in_progress": (("yes", 0.2), ("partly", 0.45), ("no", 0.2), ("dont_know", 0.15)),
}
