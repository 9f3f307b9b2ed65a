# Unstucks Oberflächentexte: Deutsch.

## The page shell

skip-to-content = Zum Inhalt springen
site-tagline = Anleitungen zur Fehlerbehebung
site-privacy = Unstuck setzt keine Cookies und speichert Ihre Antworten nur in der Adresse der Seite.
page-title = { $page } · Unstuck
language-switcher = Sprache
# Offered, in its own language, to a reader whose browser prefers it.
read-in-language = Diese Anleitung auf Deutsch lesen

## The catalog

catalog-title = Unstuck – Anleitungen zur Fehlerbehebung
catalog-heading = Was muss repariert werden?
catalog-filter-label = Anleitungen nach Problem oder Symptom filtern
catalog-search-label = Anleitungen nach Problem oder Symptom durchsuchen
catalog-search-button = Suchen
catalog-no-match = Keine Anleitung passt zu „{ $query }“. Hier sind alle Anleitungen:
catalog-matches =
    { $count ->
        [one] Eine Anleitung passt zu „{ $query }“
       *[other] { $count } Anleitungen passen zu „{ $query }“
    }
catalog-search-title = „{ $query }“ · Unstuck
match-title = Titel
match-summary = Zusammenfassung
match-symptom = Symptom
match-faq = Häufige Frage

## A step of the interactive guide

step-label = Schritt { $number }
step-label-changing = Schritt { $number } – Sie ändern Ihre Antwort
step-title = Schritt { $number } – { $heading } · { $guide }
heading-title = { $heading } · { $guide }
change-title = Antwort ändern – { $question }
caution-title = Vorsicht: { $section }
change-later = Sie können Ihre Antwort später ändern.
why-this-step = Warum dieser Schritt:
caution-before = Bevor Sie weitermachen: { $section }
caution-next-question = Die nächste Frage lautet: { $question }
acknowledge = Verstanden – Schritt anzeigen
go-back = Zurück zur vorherigen Frage
keep-answer = Antwort beibehalten
your-answer-now = (Ihre aktuelle Antwort)
answers-label = Antworten
your-answers = Ihre Antworten
change = Ändern
change-aria = Ihre Antwort ändern auf: { $question }
start-over = Von vorn beginnen
show-full-guide = Ganze Anleitung anzeigen
steps-for-model = Schritte für: { $model }
change-model = Modell wechseln
step-differs = Dieser Schritt unterscheidet sich je nach Modell:
model-marks = ({ $models })
model-or = { " " }oder{ " " }

## What changing an answer did

answer-stays = Ihre Antwort auf „{ $question }“ bleibt { $answer }.
answer-changed = Sie haben „{ $question }“ von { $old } auf { $new } geändert.
answers-left =
    { $count ->
        [one] Diese Antwort gilt nicht mehr. Sie bleibt gespeichert: Ändern Sie zurück, um sie wieder zu verwenden.
       *[other] Diese Antworten gelten nicht mehr. Sie bleiben gespeichert: Ändern Sie zurück, um sie wieder zu verwenden.
    }
answers-rejoined =
    { $count ->
        [one] Diese frühere Antwort gilt wieder:
       *[other] Diese früheren Antworten gelten wieder:
    }

## Outcomes

outcome-fixed = Behoben
outcome-escalate = Zeit, Hilfe zu holen
outcome-fixed-short = (behoben)
outcome-escalate-short = (Hilfe holen)

## Parts of a step

label-goal = Ziel:
label-expect = Was Sie sehen sollten:
label-caution = Vorsicht:
label-warning = Warnung:
label-good = Gut:
label-bad = Schlecht:
label-how = So geht’s:

## The support summary

summary = Zusammenfassung für den Support
summary-page-title = Zusammenfassung für den Support · { $guide }
summary-have-ready = Halten Sie diese bereit, wenn Sie anrufen. Sie beruht auf Ihren Antworten.
summary-fill-link = Zusammenfassung ergänzen, kopieren, herunterladen oder drucken
summary-for = Für:
summary-outcome = Ergebnis:
summary-not-reached = noch nicht erreicht
summary-answers-given = Ihre Antworten
summary-to-fill = (bitte ergänzen)
summary-update = Zusammenfassung aktualisieren
summary-download = Als .txt herunterladen
summary-as-text = Als Text
summary-select-to-copy = Markieren Sie den Text und kopieren Sie ihn.
summary-copy-or-print = Kopieren oder drucken Sie den Text mit diesen Schaltflächen oder markieren Sie ihn.
summary-add-heading = Ergänzen Sie, was nur Sie wissen
summary-add-what-you-know = Ergänzen Sie, was nur Sie wissen (das Modell, seit wann das Problem besteht …), und kopieren, laden oder drucken Sie den Text dann.
back-to-guide = Zurück zur Anleitung
back-to-outcome = Zurück zum Ergebnis
copy = Kopieren
copied = Kopiert
print = Drucken

## The full guide

full-title = Ganze Anleitung · { $guide }
full-start = Schritt-für-Schritt-Anleitung starten
full-models-note = Schritte, die mit einem Modell gekennzeichnet sind, gelten nur für dieses Modell.
full-diagnostic = Schritt-für-Schritt-Diagnose
full-steps = Schritte
full-questions = Die Fragen
full-questions-intro = Die Schritt-für-Schritt-Anleitung stellt diese Fragen nacheinander. Jede Antwort führt zur nächsten Frage oder zu einem Ergebnis.
full-picture = Den ganzen Entscheidungsbaum ansehen (ein Bild der Fragen unten)
full-outcomes = Ergebnisse
picture-title = Der Entscheidungsbaum
back-to-full-guide = Zurück zur ganzen Anleitung
reviewed-by = Geprüft von { $name } am { $date }

## "Was this helpful?"

rate-title = Anleitung bewerten
rate-thanks = Danke für Ihre Rückmeldung.
rate-not-sent = Nicht gesendet:
rate-question = War das hilfreich?
rate-comment = Möchten Sie etwas ergänzen? (optional)
rate-yes = Ja
rate-no = Nein
rate-comment-too-long = Bitte halten Sie den Kommentar unter { $max } Zeichen.
rate-too-many = Sie haben in kurzer Zeit viele Rückmeldungen gesendet. Bitte warten Sie eine Minute und versuchen Sie es erneut.
rate-unavailable = Ihre Rückmeldung konnte gerade nicht gespeichert werden. Bitte versuchen Sie es gleich noch einmal.
rate-no-store = Auf diesem Server können keine Rückmeldungen gespeichert werden. Bitte versuchen Sie es später erneut.

## Error pages

error-no-guide-title = Anleitung nicht gefunden
error-no-guide = Es gibt keine Anleitung namens „{ $id }“. Vielleicht wurde sie verschoben oder umbenannt.
error-not-found-title = Seite nicht gefunden
error-not-found = Unter dieser Adresse gibt es nichts.
error-bad-link-title = Dieser Link funktioniert nicht
error-bad-link = Die Adresse dieser Seite von „{ $guide }“ hat ein Problem: { $problem }.
error-answers-kept = Ihre bisherigen Antworten sind im Link unten erhalten.
error-last-good-step = Zurück zum letzten gültigen Schritt
error-start-again = Anleitung neu beginnen
error-bad-form-title = Dieses Formular konnte nicht gelesen werden
problem-too-long = sie ist zu lang
problem-damaged = sie ist bei „{ $part }“ beschädigt
problem-unknown = sie nennt etwas, das diese Anleitung nicht enthält
problem-repeated = sie beantwortet die Frage „{ $question }“ zweimal
problem-details = Details für das Team der Anleitung
see-all-guides = Alle Anleitungen ansehen
all-guides = Alle Anleitungen

## Handing an escalation to the support desk

contact-link = Meine Antworten an den Support senden
contact-static-cannot-send = Diese Seite kann Ihre Antworten nicht an den Support senden. Wenden Sie sich wie oben in der Anleitung beschrieben an den Support und geben Sie ihm die Zusammenfassung unten.
contact-title = An den Support senden
contact-lead = Der Support erhält Ihre Antworten und die Zusammenfassung unten, damit Sie niemand erneut fragen muss. Geben Sie eine E-Mail-Adresse oder eine Telefonnummer an; alles andere ist freiwillig.
contact-not-sent-yet = Noch nicht gesendet.
contact-please-check = Bitte prüfen Sie:
contact-reach = Wie der Support Sie erreicht
contact-name = Ihr Name (optional)
contact-email = E-Mail-Adresse
contact-phone = Telefonnummer
contact-for-support = Für den Support (optional)
contact-send = An den Support senden
contact-answers = Ihre Antworten, die mitgesendet werden
sent-title = An den Support gesendet
sent-reference = Ihre Vorgangsnummer:
sent-quote = Nennen Sie sie, wenn Sie den Support anrufen oder wenn er sich bei Ihnen meldet.
sent-keep = Der Support hat Ihre Antworten und die Zusammenfassung; Sie müssen nichts erneut erklären. Behalten Sie eine Kopie für sich:
sent-download = Zusammenfassung herunterladen (.txt)
problem-name-long = Bitte halten Sie den Namen unter { $max } Zeichen.
problem-note-long = Bitte halten Sie die Notiz unter { $max } Zeichen.
problem-no-contact = Bitte geben Sie eine E-Mail-Adresse oder eine Telefonnummer an, damit der Support Sie erreichen kann.
problem-email = „{ $typed }“ ist keine E-Mail-Adresse. Sie sollte wie name@example.com aussehen.
problem-phone = „{ $typed }“ ist keine Telefonnummer. Verwenden Sie Ziffern, Leerzeichen und Bindestriche, im Ausland mit + und Landesvorwahl, etwa +49 30 1234567.
handoff-too-many = Sie haben in kurzer Zeit viel gesendet. Bitte warten Sie eine Minute und versuchen Sie es erneut.
handoff-no-store = Dieser Server kann keine Anfragen an den Support weitergeben. Laden Sie die Zusammenfassung herunter und rufen Sie den Support stattdessen an.
handoff-unavailable = Ihre Anfrage konnte gerade nicht gespeichert werden. Bitte versuchen Sie es gleich noch einmal: Alles, was Sie eingegeben haben, ist noch da.

## `unstuck run`, in the terminal (the commands stay English words)

run-intro = Geben Sie die Nummer oder die Worte einer Antwort ein; `help` zeigt die übrigen Befehle.
run-caution-ok = Geben Sie `ok` ein, um diesen Schritt anzuzeigen, oder `back`.
run-input-ended = Die Eingabe endete, bevor die Anleitung ein Ergebnis erreicht hat.
run-first-question = Das ist die erste Frage.
run-no-such-answer = Es gibt keine beantwortete Frage { $number }; siehe die Liste oben.
run-help = Antworten Sie mit der Nummer oder den Worten. Befehle: back (letzte Antwort zurücknehmen), change N (Frage N neu beantworten), restart (von vorn), quit (beenden).
run-please-answer = Bitte antworten Sie mit einer der angezeigten Nummern, oder geben Sie `help` ein.
run-so-far = Bisher:
run-no-longer-applies = Gilt nicht mehr: { $questions }.
run-apply-again = Frühere Antworten gelten wieder: { $questions }.
run-get-help = Hilfe holen
