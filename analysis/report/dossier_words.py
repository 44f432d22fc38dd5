"""The dossier's words in Italian and English (`{name}` is a value filled in)."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "it": {
        "title": "Un anno di Contact Center",
        "subtitle": "Le richieste dal {start} al giorno prima del {end}",
        "empty": "Nessuna richiesta nel periodo.",
        "hidden_groups": "Gruppi con meno di {k} richieste non mostrati: {n} richieste in tutto.",
        "col_channel": "Canale",
        "col_request_type": "Tipo di richiesta",
        "col_requester_kind": "Richiedente",
        "col_topic": "Argomento",
        "col_region": "Regione",
        "col_requests": "Richieste",
        "col_share": "Quota",
        "col_month": "Mese",
        "col_path": "Stato",
        "col_emergency": "Emergenza",
        "col_period": "Periodo",
        "col_peak_day": "Giorno di picco",
        "col_hours": "Orario",
        "col_phone": "Richieste telefoniche",
        "col_inside": "Nell'orario",
        "col_answers": "Risposte",
        "col_csat": "Soddisfatti (4 o 5)",
        "col_interval": "IC 95 %",
        "volumes": "Le richieste di un anno",
        "volumes_total": "Sono {n} le richieste arrivate al Contact Center dal {start}.",
        "volumes_ordinary": "Nei giorni feriali fuori dalle emergenze, circa {n} al giorno.",
        "volumes_caption": "Richieste per mese",
        "first_week": "La prima settimana",
        "first_week_finding": (
            "A una settimana dall'avvio del {start}, delle {n} richieste inserite risultavano "
            "chiuse {closed}; richieste telefoniche risolte: {phone}; in attesa di soluzione "
            "al Back Office: {waiting}; ancora al Front Office: {open}."
        ),
        "first_week_received": "Richieste ricevute",
        "first_week_closed": "Chiuse",
        "first_week_back_office": "In lavorazione al Back Office",
        "first_week_open": "Aperte al Front Office",
        "first_week_phone": "Richieste telefoniche",
        "first_week_phone_closed": "Richieste telefoniche risolte",
        "channels": "I canali di contatto",
        "channels_top": "Il canale più scelto è «{channel}»: {share} delle richieste.",
        "channels_caption": "Richieste per canale",
        "requests": "Che cosa è stato chiesto, e da chi",
        "types_top": "Richieste di informazioni {information}, segnalazioni {report}.",
        "requesters_top": "Chi si è rivolto più spesso al Contact Center: «{kind}» ({share}).",
        "types_caption": "Richieste per tipo",
        "requesters_caption": "Richieste per tipo di richiedente",
        "paths": "Lo stato di lavorazione",
        "paths_finding": (
            "Al {end} le richieste non ancora evase sono solo {open} del totale; il restante "
            "{closed} è stato chiuso in parte al Front Office ({front}), con risposta "
            "immediata, e in parte al Back Office ({back}), dopo una ricerca di informazioni."
        ),
        "paths_bodies": (
            "Delle {n} richieste passate al Back Office, {share} ha richiesto il coordinamento "
            "con altri enti e amministrazioni."
        ),
        "path_front_office": "Chiuse al Front Office",
        "path_back_office": "Chiuse al Back Office",
        "path_open": "Non ancora evase",
        "paths_caption": "Stato delle richieste al {end}",
        "peaks": "Il Contact Center in emergenza",
        "peaks_busiest": "Il picco massimo giornaliero dell'anno: {n} contatti il {day}.",
        "peaks_caption": "Periodi di emergenza con orario esteso e il loro giorno di picco",
        "peaks_none": "Nessun periodo di emergenza nel periodo.",
        "places": "Regioni e argomenti",
        "regions_top": "Le regioni con più richieste: {regions}.",
        "topics_top": "Gli argomenti più frequenti: {topics}.",
        "regions_caption": "Richieste per regione",
        "topics_caption": "Richieste per argomento",
        "hours": "Gli orari del servizio",
        "hours_ordinary_period": "tempi ordinari",
        "hours_caption": "Richieste telefoniche nell'orario in vigore, per periodo",
        "hours_finding": (
            "In ordinario il servizio è attivo negli orari indicati; in emergenza è esteso, "
            "fino a una copertura totale nelle 24 ore."
        ),
        "hours_outside": "Richieste telefoniche registrate fuori orario: {n}.",
        "satisfaction": "Che cosa ne pensano i cittadini",
        "satisfaction_none": "Troppo poche risposte dei cittadini per darne conto.",
        "satisfaction_finding": (
            "Hanno risposto {n} cittadini ({rate} di chi è stato invitato): il {csat} si dice "
            "soddisfatto (voto 4 o 5; IC 95 % {low}–{high})."
        ),
        "satisfaction_caption": "Soddisfazione per mese di chiusura (mesi con almeno 30 risposte)",
    },
    "en": {
        "title": "A year of the Contact Center",
        "subtitle": "Requests from {start} to the day before {end}",
        "empty": "No requests in the period.",
        "hidden_groups": "Groups of fewer than {k} requests not shown: {n} requests in all.",
        "col_channel": "Channel",
        "col_request_type": "Type of request",
        "col_requester_kind": "Requester",
        "col_topic": "Topic",
        "col_region": "Region",
        "col_requests": "Requests",
        "col_share": "Share",
        "col_month": "Month",
        "col_path": "State",
        "col_emergency": "Emergency",
        "col_period": "Period",
        "col_peak_day": "Busiest day",
        "col_hours": "Hours",
        "col_phone": "Phone requests",
        "col_inside": "Inside the hours",
        "col_answers": "Answers",
        "col_csat": "Satisfied (4 or 5)",
        "col_interval": "95 % CI",
        "volumes": "A year of requests",
        "volumes_total": "{n} requests reached the Contact Center from {start}.",
        "volumes_ordinary": "On working days outside emergencies, about {n} a day.",
        "volumes_caption": "Requests by month",
        "first_week": "The first week",
        "first_week_finding": (
            "A week after the start on {start}, of the {n} requests entered {closed} were "
            "closed; {phone} of the phone requests were resolved; {waiting} were waiting at "
            "the Back Office and {open} still at the Front Office."
        ),
        "first_week_received": "Requests received",
        "first_week_closed": "Closed",
        "first_week_back_office": "Being handled by the Back Office",
        "first_week_open": "Open at the Front Office",
        "first_week_phone": "Phone requests",
        "first_week_phone_closed": "Phone requests resolved",
        "channels": "Contact channels",
        "channels_top": "The most chosen channel is “{channel}”: {share} of requests.",
        "channels_caption": "Requests by channel",
        "requests": "What was asked, and by whom",
        "types_top": "Requests for information {information}, reports {report}.",
        "requesters_top": "Who turned to the Contact Center most often: “{kind}” ({share}).",
        "types_caption": "Requests by type",
        "requesters_caption": "Requests by kind of requester",
        "paths": "Where requests stand",
        "paths_finding": (
            "On {end} only {open} of requests were still unanswered, while the other {closed} "
            "were closed partly at the Front Office ({front}), answered at once, and partly at "
            "the Back Office ({back}), after researching the answer."
        ),
        "paths_bodies": (
            "{share} of the {n} requests handed to the Back Office needed coordination with "
            "other bodies and administrations."
        ),
        "path_front_office": "Closed at the Front Office",
        "path_back_office": "Closed at the Back Office",
        "path_open": "Not yet answered",
        "paths_caption": "Requests as they stood on {end}",
        "peaks": "The Contact Center in emergencies",
        "peaks_busiest": "The year's highest daily peak: {n} contacts on {day}.",
        "peaks_caption": "Emergency periods with extended hours and their busiest days",
        "peaks_none": "No emergency period in the period.",
        "places": "Regions and topics",
        "regions_top": "The regions with the most requests: {regions}.",
        "topics_top": "The most frequent topics: {topics}.",
        "regions_caption": "Requests by region",
        "topics_caption": "Requests by topic",
        "hours": "Service hours",
        "hours_ordinary_period": "ordinary times",
        "hours_caption": "Phone requests inside the hours in force, by period",
        "hours_finding": (
            "In ordinary times the service keeps the hours shown; in emergencies they are "
            "extended, up to round-the-clock cover."
        ),
        "hours_outside": "Phone requests registered outside the hours: {n}.",
        "satisfaction": "What citizens think",
        "satisfaction_none": "Too few citizens' answers to report on.",
        "satisfaction_finding": (
            "{n} citizens answered ({rate} of those invited): {csat} say they are satisfied "
            "(4 or 5; 95 % CI {low}–{high})."
        ),
        "satisfaction_caption": "Satisfaction by month of closing (months with 30 answers)",
    },
}
