"""Simulated cases and answers shaped like the contact center's, for tests and benchmarks."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from analysis.columns import (
    CHANNELS,
    COLLECTION_CHANNELS,
    REQUEST_TYPES,
    RESOLUTION_PATHS,
    RESOLVED,
    Factor,
    FeedbackColumns,
)

# Shares from the department's published figures (see DESIGN.md): phone 80.1 %; information
# ~66 %; Front Office 86.1 %, Back Office 12.19 %, open 1.70 %.
CHANNEL_SHARES = (0.801, 0.10, 0.06, 0.02, 0.01, 0.009)
TYPE_SHARES = (0.66, 0.12, 0.047, 0.023, 0.0093, 0.02, 0.1207)
PATH_SHARES = (0.861, 0.1219, 0.0171)
TOPICS = ("volunteering", "certificates_of_merit", "alerts", "earthquake", "flood", "other")
TOPIC_SHARES = (0.234, 0.154, 0.15, 0.15, 0.12, 0.192)
REGIONS = ("Abruzzo", "Lazio", "Campania", "Sicilia", "Lombardia", "Emilia-Romagna", "Other")
REGION_SHARES = (0.18, 0.17, 0.15, 0.12, 0.11, 0.1, 0.17)
OFFICES = ("", "volunteering_office", "emergency_office", "seismic_risk", "hydro_risk", "legal")


def _draw(rng: np.random.Generator, shares: tuple[float, ...], n: int) -> np.ndarray:
    p = np.asarray(shares, dtype=np.float64)
    return rng.choice(p.size, size=n, p=p / p.sum()).astype(np.int16)


def simulate_feedback(n_cases: int, seed: int = 0, response_rate: float = 0.55) -> FeedbackColumns:
    """Cases over two years with emergency peaks and answers that depend on path and delay."""
    rng = np.random.default_rng(seed)
    channel, kind = _draw(rng, CHANNEL_SHARES, n_cases), _draw(rng, TYPE_SHARES, n_cases)
    path = _draw(rng, PATH_SHARES, n_cases)
    start = np.datetime64("2011-01-01T00:00:00", "s")
    opened = start + rng.integers(0, 730 * 86400, n_cases).astype("timedelta64[s]")
    day = (opened - start).astype("timedelta64[D]").astype(np.int64)
    in_emergency = ((day % 120) < 10) & (rng.random(n_cases) < 0.9)
    delay_days = np.where(path == 0, rng.integers(0, 2, n_cases), rng.geometric(0.08, n_cases))
    delay = delay_days * 86400 + rng.integers(0, 6 * 3600, n_cases)
    closed = opened + delay.astype("timedelta64[s]")
    closed[path == 2] = np.datetime64("NaT")
    office = np.where(path == 1, rng.integers(1, len(OFFICES), n_cases), 0).astype(np.int16)
    answered = (path != 2) & (
        rng.random(n_cases) < response_rate * np.where(channel == 0, 1.0, 0.6)
    )
    latent = 0.9 - 0.5 * (path == 1) - 0.25 * np.log1p(delay_days) + 0.3 * (channel == 1)
    latent = latent - 0.2 * in_emergency + rng.logistic(size=n_cases)
    satisfaction = (np.digitize(latent, [-2.0, -1.0, 0.0, 1.0]) + 1).astype(np.float64)
    satisfaction[~answered | (rng.random(n_cases) < 0.03)] = np.nan
    resolved = np.where(latent > 0.5, 0, np.where(latent > -0.5, 1, 2)).astype(np.int16)
    resolved[~answered] = 3
    effort = np.clip(np.round(4 - latent + rng.normal(0, 1, n_cases)), 1, 7)
    recommend = np.clip(np.round(7 + 1.5 * latent + rng.normal(0, 1.5, n_cases)), 0, 10)
    effort[~answered], recommend[~answered] = np.nan, np.nan
    collection = np.where(answered, rng.integers(0, 4, n_cases), 4).astype(np.int16)
    return FeedbackColumns(
        case_id=np.arange(1, n_cases + 1, dtype=np.int64),
        channel=Factor(channel, CHANNELS),
        request_type=Factor(kind, REQUEST_TYPES),
        topic=Factor(_draw(rng, TOPIC_SHARES, n_cases), TOPICS),
        region=Factor(_draw(rng, REGION_SHARES, n_cases), REGIONS),
        resolution_path=Factor(path, RESOLUTION_PATHS),
        office=Factor(office, OFFICES),
        opened_at=opened,
        closed_at=closed,
        in_emergency=in_emergency,
        answered=answered,
        collection_channel=Factor(collection, (*COLLECTION_CHANNELS, "")),
        satisfaction=satisfaction,
        resolved=Factor(resolved, (*RESOLVED, "")),
        effort=effort,
        recommend=recommend,
    )


# Effects on the latent scale that `simulate_known_effects` draws answers from, named as the
# adjusted model names its terms. Office effects sum to zero, as the model's deviation coding
# estimates them; emergencies send more cases to the Back Office, so leaving either term out
# would bias the other.
KNOWN_EFFECTS = {
    "resolution_path=back_office": -0.30,
    "channel=web_form": -0.25,
    "channel=email": -0.30,
    "request_type=report": -0.10,
    "request_type=complaint": -1.00,
    "request_type=compliment": 1.50,
    "in_emergency": -0.30,
    "office=volunteering_office": 0.40,
    "office=seismic_risk": -0.10,
    "office=hydro_risk": -0.30,
    "log1p_hours_to_close": -0.20,
}
KNOWN_THRESHOLDS = (-3.5, -2.5, -1.3, 0.2)
_KNOWN_OFFICES = ("", "volunteering_office", "seismic_risk", "hydro_risk")


def simulate_known_effects(n_cases: int, seed: int = 0) -> FeedbackColumns:
    """Closed cases whose scores follow the adjusted model exactly, with KNOWN_EFFECTS."""
    rng = np.random.default_rng(seed)
    emergency = rng.random(n_cases) < 0.2
    back = rng.random(n_cases) < np.where(emergency, 0.35, 0.10)
    channel = _draw(rng, (0.7, 0.2, 0.1), n_cases)  # phone, web form, email
    kind = rng.choice([0, 1, 3, 4], size=n_cases, p=[0.7, 0.15, 0.1, 0.05]).astype(np.int16)
    office = np.where(back, rng.integers(1, len(_KNOWN_OFFICES), n_cases), 0).astype(np.int16)
    # Whole hours: the Front Office within a day or two, the Back Office days to weeks, slower
    # in emergencies; minutes past the hour do not change the model's whole hours.
    hours = np.where(
        back,
        24 * rng.geometric(np.where(emergency, 0.08, 0.15), n_cases) + rng.integers(0, 24, n_cases),
        np.floor(rng.exponential(np.where(emergency, 12.0, 5.0), n_cases)),
    ).astype(np.int64)
    start = np.datetime64("2011-07-01T00:00:00", "s")
    opened = start + rng.integers(0, 365 * 86400, n_cases).astype("timedelta64[s]")
    closed = opened + (hours * 3600 + rng.integers(0, 3600, n_cases)).astype("timedelta64[s]")
    latent = rng.logistic(size=n_cases) + _known_predictor(
        back, emergency, channel, kind, office, hours
    )
    satisfaction = (np.digitize(latent, KNOWN_THRESHOLDS) + 1).astype(np.float64)
    answered = rng.random(n_cases) < 0.6
    satisfaction[~answered] = np.nan
    missing = np.full(n_cases, np.nan)
    return FeedbackColumns(
        case_id=np.arange(1, n_cases + 1, dtype=np.int64),
        channel=Factor(channel, CHANNELS),
        request_type=Factor(kind, REQUEST_TYPES),
        topic=Factor(np.zeros(n_cases, dtype=np.int16), ("other",)),
        region=Factor(np.zeros(n_cases, dtype=np.int16), ("Lazio",)),
        resolution_path=Factor(back.astype(np.int16), RESOLUTION_PATHS),
        office=Factor(office, _KNOWN_OFFICES),
        opened_at=opened,
        closed_at=closed,
        in_emergency=emergency,
        answered=answered,
        collection_channel=Factor(
            np.where(answered, 0, 4).astype(np.int16), (*COLLECTION_CHANNELS, "")
        ),
        satisfaction=satisfaction,
        resolved=Factor(np.full(n_cases, 3, dtype=np.int16), (*RESOLVED, "")),
        effort=missing,
        recommend=missing.copy(),
    )


def _known_predictor(back, emergency, channel, kind, office, hours) -> np.ndarray:
    effect = KNOWN_EFFECTS
    offices = np.array([0.0, *(effect[f"office={name}"] for name in _KNOWN_OFFICES[1:])])
    return (
        effect["resolution_path=back_office"] * back
        + effect["in_emergency"] * emergency
        + np.array([0.0, effect["channel=web_form"], effect["channel=email"]])[channel]
        + np.select(
            [kind == 1, kind == 3, kind == 4],
            [
                effect["request_type=report"],
                effect["request_type=complaint"],
                effect["request_type=compliment"],
            ],
            0.0,
        )
        + offices[office]
        + effect["log1p_hours_to_close"] * np.log1p(hours)
    )


def simulate_consultation_wave(
    respondents: int,
    scale_items: Mapping[str, int],
    shifts: Mapping[str, float] | None = None,
    seed: int = 0,
) -> dict[str, np.ndarray]:
    """One wave of a referents' consultation: per scale, respondents x items of five-point
    answers, already turned the scale's way.

    Each respondent has a general mood and a mood per scale (correlated 0.6 with the general
    one, as the scales of one survey are); a scale's `shifts` entry moves its mood, in
    standard deviations, which is how a wave states a change. Each answer is the scale's mood
    plus noise, rounded to the nearest point and clipped to 1-5."""
    rng = np.random.default_rng(seed)
    general = rng.normal(size=respondents)
    waves = {}
    for scale, items in scale_items.items():
        mood = 0.6 * general + 0.8 * rng.normal(size=respondents) + (shifts or {}).get(scale, 0.0)
        latent = 3.3 + 0.8 * mood[:, None] + rng.normal(0, 0.8, size=(respondents, items))
        waves[scale] = np.clip(np.round(latent), 1, 5)
    return waves
