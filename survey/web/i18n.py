"""Language of a page: Italian by default, English on request (?lang=en or Accept-Language)."""

from __future__ import annotations

from jinja2 import pass_context
from jinja2.runtime import Context
from litestar import Request

from case_bridge.vocabulary import label as vocabulary_label

LANGUAGES = ("it", "en")
DEFAULT = "it"

MESSAGES: dict[str, dict[str, str]] = {
    "it": {
        "site": "Contact Center del Dipartimento della Protezione Civile",
        "case_status": "Stato della richiesta",
        "code": "Codice",
        "status": "Stato",
        "opened_on": "Aperta il",
        "closed_on": "Chiusa il",
        "not_found_title": "Pagina non trovata",
        "not_found": "Non abbiamo trovato quello che cerchi. Controlla il codice o il link.",
        "error_title": "Si è verificato un errore",
        "skip": "Vai al contenuto",
        "other_language": "English",
        "manage_title": "Ascolto — gestione",
        "login_title": "Accesso alla gestione",
        "login_intro": "Entra con il nome utente e la password ricevuti dall'amministratore.",
        "login_name": "Nome utente",
        "login_password": "Password",
        "login_submit": "Accedi",
        "login_failed": "Nome utente o password non corretti.",
        "login_locked": (
            "Account temporaneamente bloccato dopo troppi tentativi non riusciti. "
            "Riprova più tardi: il blocco dura 15 minuti."
        ),
        "logout": "Esci",
        "signed_in_as": "Hai effettuato l'accesso come",
        "role_manager": "responsabile",
        "role_admin": "amministratore",
        "manage_can": "Che cosa puoi fare",
        "manage_dashboard": "Consultare le analisi della soddisfazione:",
        "dash_title": "cruscotto di gestione",
        "dash_page_overview": "Cruscotto: quadro generale",
        "dash_page_path": "Front Office e Back Office",
        "dash_page_channel": "Canali",
        "dash_page_request-type": "Tipi di richiesta",
        "dash_page_time-to-close": "Tempi di chiusura",
        "dash_page_emergencies": "Emergenze",
        "dash_page_non-response": "Chi ha risposto",
        "dash_page_consultations": "Consultazioni dei referenti",
        "dash_page_follow-ups": "Richiami",
        "dash_nav": "Pagine del cruscotto",
        "dash_filters": "Filtri",
        "dash_from": "Dal giorno",
        "dash_to": "Al giorno (escluso)",
        "dash_all": "Tutti",
        "dash_channel": "Canale",
        "dash_type": "Tipo di richiesta",
        "dash_path": "Esito",
        "dash_region": "Regione",
        "dash_apply": "Applica i filtri",
        "dash_reset": "Togli i filtri",
        "dash_key_figures": "Cifre principali",
        "dash_cases": "Richieste",
        "dash_answers": "Risposte dei cittadini",
        "dash_response_rate": "Tasso di risposta",
        "dash_csat": "CSAT (voto 4 o 5)",
        "dash_nps": "Net Promoter Score",
        "dash_resolution": "Richieste risolte",
        "dash_open_follow_ups": "Richiami ancora aperti (tutti i periodi)",
        "dash_follow_ups_link": "Vedi i richiami aperti",
        "dash_month": "Mese",
        "dash_lower": "Limite inferiore",
        "dash_upper": "Limite superiore",
        "dash_interval": "IC 95 %",
        "dash_hidden_months": "{count} mesi con meno di {k} risposte non sono mostrati.",
        "dash_hidden": (
            "Con questi filtri ci sono meno di {k} risposte: per tutelare l'anonimato la "
            "soddisfazione non è mostrata."
        ),
        "dash_data": "Dati",
        "dash_json": "Gli stessi dati in JSON",
        "dash_answers_csv": "Risposte dei cittadini, anonime (CSV)",
        "dash_answers_xlsx": "Risposte dei cittadini, anonime, con il codebook (Excel)",
        "dash_codebook": "Codebook: domande, risposte e scale (CSV)",
        "dash_status": "Stato",
        "dash_state_open": "Aperto",
        "dash_state_closed": "Chiuso",
        "dash_office": "Ufficio",
        "dash_front_office": "Front Office",
        "dash_reason": "Motivo",
        "dash_opened": "Aperto il",
        "dash_closed": "Chiuso il",
        "dash_case": "Richiesta",
        "dash_follow_ups": "Richiami",
        "dash_by_office": "Richiami per ufficio",
        "dash_follow_ups_summary": "Aperti: {open}. Chiusi: {closed}.",
        "dash_no_follow_ups": "Nessun richiamo.",
        "dash_answer": "Risposta",
        "dash_offices_view": "Uffici: referenti e cittadini a confronto",
        "dash_offices_intro": (
            "Per ogni ufficio, la soddisfazione dei referenti (scala complessiva, da {k} "
            "risposte) accanto al CSAT dei cittadini sulle richieste chiuse in Back Office "
            "dall'ufficio nel periodo scelto (da 5 risposte)."
        ),
        "dash_citizens_csat": "CSAT dei cittadini (Back Office)",
        "dash_referents": "Referenti che hanno risposto",
        "dash_referents_mean": "Soddisfazione dei referenti (media 1–5)",
        "dash_no_offices": "Nessun ufficio da confrontare.",
        "manage_api": "Usare l'API di gestione con questa sessione:",
        "manage_users": "Vedere l'elenco degli utenti di gestione:",
        "required": "obbligatoria",
        "max_characters": "Al massimo {n} caratteri.",
        "request_type": "Tipo di richiesta",
        "send": "Invia",
        "form_has_errors": "Alcune risposte vanno corrette:",
        "can_change_until": "Puoi modificare le tue risposte fino al {date}.",
        "change_answer": "Modifica le risposte",
        "thanks_title": "Grazie per la tua opinione",
        "thanks_text": "Abbiamo registrato le tue risposte. Ci aiutano a migliorare il servizio.",
        "anonymous_note": (
            "Le risposte sono anonime: non sono collegate al tuo nome né al tuo link. Puoi "
            "salvare e riprendere quando vuoi con lo stesso link."
        ),
        "sections": "Sezioni del questionario",
        "draft_saved": (
            "Risposte salvate. Puoi continuare ora o tornare più tardi con lo stesso link."
        ),
        "in_another_section": "in un'altra sezione",
        "save_and_continue": "Salva e continua",
        "save_for_later": "Salva e continua più tardi",
        "send_answers": "Invia le risposte",
        "consultation_thanks_title": "Grazie per aver partecipato",
        "consultation_thanks_text": (
            "Le tue risposte sono state registrate in forma anonima. Per tutelare l'anonimato "
            "questa pagina non le mostra più."
        ),
        "consultation_closed_title": "La consultazione non è aperta",
        "consultation_closed_text": "Questa consultazione non accetta risposte in questo momento.",
        "consultations": "Consultazioni dei referenti",
        "title": "Titolo",
        "state": "Stato",
        "period": "Periodo",
        "answered_of_invited": "Risposte / invitati",
        "no_consultations": "Nessuna consultazione.",
        "new_consultation": "Nuova consultazione",
        "questionnaire": "Questionario",
        "opens_on": "Apertura",
        "closes_on": "Chiusura",
        "threshold": "Soglia di anonimato (minimo 3)",
        "all_referents_invited": (
            "Sono invitati tutti i referenti attivi; altri uffici si possono aggiungere dall'API."
        ),
        "create": "Crea",
        "state_draft": "Bozza",
        "state_open": "Aperta",
        "state_closed": "Chiusa",
        "action_open": "Apri e invia gli inviti",
        "action_remind": "Invia un promemoria a chi non ha risposto",
        "action_close": "Chiudi",
        "response_rate": "Tasso di risposta",
        "office": "Ufficio",
        "invited": "Invitati",
        "answered": "Risposte",
        "rate": "Tasso",
        "all_offices": "Tutti",
        "fewer_than_invited": "meno di 5 invitati",
        "results": "Risultati",
        "fewer_than_k": "meno di {k} risposte",
        "answers_count": "{n} risposte.",
        "scales": "Scale",
        "scale": "Scala",
        "mean": "Media",
        "sd": "Dev. std.",
        "by_office": "Per ufficio",
        "items": "Domande",
        "comments": "Suggerimenti",
        "link_unavailable_title": "Questo link non è più attivo",
        "link_unavailable_text": (
            "Il link non è valido oppure il tempo per rispondere o modificare le risposte è "
            "terminato. Se hai bisogno di aiuto chiama il numero verde 800 840 840."
        ),
    },
    "en": {
        "site": "Contact Center of the Civil Protection Department",
        "case_status": "Status of the request",
        "code": "Code",
        "status": "Status",
        "opened_on": "Opened on",
        "closed_on": "Closed on",
        "not_found_title": "Page not found",
        "not_found": "We could not find what you are looking for. Check the code or the link.",
        "error_title": "Something went wrong",
        "skip": "Skip to content",
        "other_language": "Italiano",
        "manage_title": "Ascolto — management",
        "login_title": "Management login",
        "login_intro": "Sign in with the user name and password the administrator gave you.",
        "login_name": "User name",
        "login_password": "Password",
        "login_submit": "Sign in",
        "login_failed": "Wrong user name or password.",
        "login_locked": (
            "The account is temporarily locked after too many failed attempts. "
            "Try again later: the lock lasts 15 minutes."
        ),
        "logout": "Sign out",
        "signed_in_as": "You are signed in as",
        "role_manager": "manager",
        "role_admin": "administrator",
        "manage_can": "What you can do",
        "manage_dashboard": "Read the satisfaction analyses:",
        "dash_title": "management dashboard",
        "dash_page_overview": "Dashboard: overview",
        "dash_page_path": "Front Office and Back Office",
        "dash_page_channel": "Channels",
        "dash_page_request-type": "Request types",
        "dash_page_time-to-close": "Time to close",
        "dash_page_emergencies": "Emergencies",
        "dash_page_non-response": "Who answered",
        "dash_page_consultations": "Referent consultations",
        "dash_page_follow-ups": "Follow-ups",
        "dash_nav": "Dashboard pages",
        "dash_filters": "Filters",
        "dash_from": "From",
        "dash_to": "To (excluded)",
        "dash_all": "All",
        "dash_channel": "Channel",
        "dash_type": "Request type",
        "dash_path": "Outcome",
        "dash_region": "Region",
        "dash_apply": "Apply the filters",
        "dash_reset": "Clear the filters",
        "dash_key_figures": "Key figures",
        "dash_cases": "Requests",
        "dash_answers": "Citizens' answers",
        "dash_response_rate": "Response rate",
        "dash_csat": "CSAT (score 4 or 5)",
        "dash_nps": "Net Promoter Score",
        "dash_resolution": "Requests resolved",
        "dash_open_follow_ups": "Follow-ups still open (all periods)",
        "dash_follow_ups_link": "See the open follow-ups",
        "dash_month": "Month",
        "dash_lower": "Lower limit",
        "dash_upper": "Upper limit",
        "dash_interval": "95 % CI",
        "dash_hidden_months": "{count} months with fewer than {k} answers are not shown.",
        "dash_hidden": (
            "These filters leave fewer than {k} answers: to protect anonymity satisfaction is "
            "not shown."
        ),
        "dash_data": "Data",
        "dash_json": "The same data as JSON",
        "dash_answers_csv": "Citizens' answers, anonymised (CSV)",
        "dash_answers_xlsx": "Citizens' answers, anonymised, with the codebook (Excel)",
        "dash_codebook": "Codebook: questions, answers and scales (CSV)",
        "dash_status": "State",
        "dash_state_open": "Open",
        "dash_state_closed": "Closed",
        "dash_office": "Office",
        "dash_front_office": "Front Office",
        "dash_reason": "Reason",
        "dash_opened": "Opened on",
        "dash_closed": "Closed on",
        "dash_case": "Request",
        "dash_follow_ups": "Follow-ups",
        "dash_by_office": "Follow-ups by office",
        "dash_follow_ups_summary": "Open: {open}. Closed: {closed}.",
        "dash_no_follow_ups": "No follow-ups.",
        "dash_answer": "Answer",
        "dash_offices_view": "Offices: referents and citizens side by side",
        "dash_offices_intro": (
            "For each office, its referents' satisfaction (overall scale, from {k} answers) "
            "beside the citizens' CSAT on the cases the office closed at the Back Office in "
            "the chosen period (from 5 answers)."
        ),
        "dash_citizens_csat": "Citizens' CSAT (Back Office)",
        "dash_referents": "Referents who answered",
        "dash_referents_mean": "Referents' satisfaction (mean 1–5)",
        "dash_no_offices": "No office to compare.",
        "manage_api": "Use the management API with this session:",
        "manage_users": "See the list of management users:",
        "required": "required",
        "max_characters": "At most {n} characters.",
        "request_type": "Type of request",
        "send": "Send",
        "form_has_errors": "Some answers need correcting:",
        "can_change_until": "You can change your answers until {date}.",
        "change_answer": "Change your answers",
        "thanks_title": "Thank you for your opinion",
        "thanks_text": "We have recorded your answers. They help us improve the service.",
        "anonymous_note": (
            "Your answers are anonymous: they are not linked to your name or to your link. You "
            "can save and come back whenever you like with the same link."
        ),
        "sections": "Sections of the questionnaire",
        "draft_saved": "Answers saved. You can go on now or come back later with the same link.",
        "in_another_section": "in another section",
        "save_and_continue": "Save and continue",
        "save_for_later": "Save and continue later",
        "send_answers": "Send your answers",
        "consultation_thanks_title": "Thank you for taking part",
        "consultation_thanks_text": (
            "Your answers have been recorded anonymously. To protect your anonymity this page "
            "no longer shows them."
        ),
        "consultation_closed_title": "The consultation is not open",
        "consultation_closed_text": "This consultation does not accept answers at the moment.",
        "consultations": "Referent consultations",
        "title": "Title",
        "state": "State",
        "period": "Period",
        "answered_of_invited": "Answers / invited",
        "no_consultations": "No consultations.",
        "new_consultation": "New consultation",
        "questionnaire": "Questionnaire",
        "opens_on": "Opens on",
        "closes_on": "Closes on",
        "threshold": "Anonymity threshold (at least 3)",
        "all_referents_invited": (
            "Every active referent is invited; more offices can be added through the API."
        ),
        "create": "Create",
        "state_draft": "Draft",
        "state_open": "Open",
        "state_closed": "Closed",
        "action_open": "Open and send the invitations",
        "action_remind": "Remind those who have not answered",
        "action_close": "Close",
        "response_rate": "Response rate",
        "office": "Office",
        "invited": "Invited",
        "answered": "Answers",
        "rate": "Rate",
        "all_offices": "All",
        "fewer_than_invited": "fewer than 5 invited",
        "results": "Results",
        "fewer_than_k": "fewer than {k} answers",
        "answers_count": "{n} answers.",
        "scales": "Scales",
        "scale": "Scale",
        "mean": "Mean",
        "sd": "SD",
        "by_office": "By office",
        "items": "Questions",
        "comments": "Suggestions",
        "link_unavailable_title": "This link is no longer active",
        "link_unavailable_text": (
            "The link is not valid, or the time to answer or change the answers has ended. "
            "If you need help, call the toll-free number 800 840 840."
        ),
    },
}


def language(request: Request) -> str:
    """The page language: ?lang= first, then the browser's Accept-Language, else Italian."""
    asked = request.query_params.get("lang")
    if asked in LANGUAGES:
        return asked
    return preferred(request.headers.get("accept-language", ""))


def preferred(header: str) -> str:
    """The best of our languages in an Accept-Language header (by q-value, then order)."""
    choices = []
    for position, part in enumerate(header.split(",")):
        tag, _, parameters = part.strip().partition(";")
        quality = 1.0
        if parameters.strip().startswith("q="):
            try:
                quality = float(parameters.strip()[2:])
            except ValueError:
                quality = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGUAGES and quality > 0:
            choices.append((-quality, position, primary))
    return min(choices)[2] if choices else DEFAULT


@pass_context
def template_language(context: Context) -> str:
    """`lang()` in a template: the language of the request being answered."""
    return language(context["request"])


@pass_context
def template_text(context: Context, key: str) -> str:
    """`t("key")` in a template: a message in the request's language."""
    return MESSAGES[language(context["request"])].get(key, key)


TEMPLATE_GLOBALS = {"lang": template_language, "t": template_text}


@pass_context
def template_label(context: Context, code: str) -> str:
    """`label(code)` in a template: a channel, type or status in the request's language."""
    return vocabulary_label(str(code), language(context["request"]))


TEMPLATE_GLOBALS["label"] = template_label
