<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AgentDraft</name>
    <message>
        <source>invalid JSON</source>
        <translation>ungültiges JSON</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not available here; available: %2</source>
        <translation>„%1“ ist hier nicht verfügbar; verfügbar: %2</translation>
    </message>
    <message>
        <source>unknown tool &quot;%1&quot;; available: %2</source>
        <translation>unbekanntes Werkzeug „%1“; verfügbar: %2</translation>
    </message>
    <message>
        <source>an existing agent keeps its id &quot;%1&quot;; create a new agent to use another</source>
        <translation>ein bestehender Agent behält seine ID „%1“; erstellen Sie für eine andere ID einen neuen Agenten</translation>
    </message>
</context>
<context>
    <name>CronExpression</name>
    <message>
        <source>minute</source>
        <translation>Minute</translation>
    </message>
    <message>
        <source>hour</source>
        <translation>Stunde</translation>
    </message>
    <message>
        <source>day of month</source>
        <translation>Tag des Monats</translation>
    </message>
    <message>
        <source>month</source>
        <translation>Monat</translation>
    </message>
    <message>
        <source>day of week</source>
        <translation>Wochentag</translation>
    </message>
    <message>
        <source>January</source>
        <translation>Januar</translation>
    </message>
    <message>
        <source>February</source>
        <translation>Februar</translation>
    </message>
    <message>
        <source>March</source>
        <translation>März</translation>
    </message>
    <message>
        <source>April</source>
        <translation>April</translation>
    </message>
    <message>
        <source>May</source>
        <translation>Mai</translation>
    </message>
    <message>
        <source>June</source>
        <translation>Juni</translation>
    </message>
    <message>
        <source>July</source>
        <translation>Juli</translation>
    </message>
    <message>
        <source>August</source>
        <translation>August</translation>
    </message>
    <message>
        <source>September</source>
        <translation>September</translation>
    </message>
    <message>
        <source>October</source>
        <translation>Oktober</translation>
    </message>
    <message>
        <source>November</source>
        <translation>November</translation>
    </message>
    <message>
        <source>December</source>
        <translation>Dezember</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>Sonntag</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>Montag</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>Dienstag</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>Mittwoch</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>Donnerstag</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>Freitag</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>Samstag</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a number or a month name (jan–dec)</source>
        <translation>„%1“ ist weder eine Zahl noch ein Monatsname (jan–dec)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a number or a day name (sun–sat)</source>
        <translation>„%1“ ist weder eine Zahl noch ein Tagesname (sun–sat)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a number</source>
        <translation>„%1“ ist keine Zahl</translation>
    </message>
    <message>
        <source>empty item in the list &quot;%1&quot;</source>
        <translation>leerer Eintrag in der Liste „%1“</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has more than one step</source>
        <translation>„%1“ hat mehr als eine Schrittweite</translation>
    </message>
    <message>
        <source>&quot;%1&quot; needs a number after &quot;/&quot;</source>
        <translation>„%1“ braucht eine Zahl nach „/“</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has a step of 0; the step must be at least 1</source>
        <translation>„%1“ hat die Schrittweite 0; die Schrittweite muss mindestens 1 sein</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has a step larger than the field&apos;s range (%2–%3)</source>
        <translation>„%1“ hat eine Schrittweite, die größer als der Wertebereich des Felds ist (%2–%3)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is out of range (%2–%3)</source>
        <translation>„%1“ liegt außerhalb des Wertebereichs (%2–%3)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a reversed range; write the smaller value first</source>
        <translation>„%1“ ist ein umgekehrter Bereich; schreiben Sie den kleineren Wert zuerst</translation>
    </message>
    <message>
        <source>%1–%2</source>
        <translation>%1–%2</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 bis %2</translation>
    </message>
    <message>
        <source>@reboot is not supported; use a &quot;once&quot; or &quot;manual&quot; schedule instead</source>
        <translation>@reboot wird nicht unterstützt; verwenden Sie stattdessen einen Zeitplan „Einmalig“ oder „Nur manuell“</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a known macro; use @yearly, @annually, @monthly, @weekly, @daily, @midnight or @hourly</source>
        <translation>„%1“ ist kein bekanntes Makro; verwenden Sie @yearly, @annually, @monthly, @weekly, @daily, @midnight oder @hourly</translation>
    </message>
    <message>
        <source>the expression is empty; write five fields (minute, hour, day of month, month, day of week) or a macro such as @daily</source>
        <translation>der Ausdruck ist leer; geben Sie fünf Felder (Minute, Stunde, Tag des Monats, Monat, Wochentag) oder ein Makro wie @daily an</translation>
    </message>
    <message>
        <source>missing; a cron expression has five fields: minute, hour, day of month, month, day of week</source>
        <translation>fehlt; ein Cron-Ausdruck hat fünf Felder: Minute, Stunde, Tag des Monats, Monat, Wochentag</translation>
    </message>
    <message>
        <source>%1 fields where five are expected (minute, hour, day of month, month, day of week); seconds and years are not supported</source>
        <translation>%1 Felder statt der erwarteten fünf (Minute, Stunde, Tag des Monats, Monat, Wochentag); Sekunden und Jahre werden nicht unterstützt</translation>
    </message>
    <message>
        <source>there is no day %1 in %2; the expression would never run</source>
        <translation>es gibt keinen Tag %1 im %2; der Ausdruck würde nie ausgeführt werden</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>on day %1 of the month</source>
        <translation>am %1. jedes Monats</translation>
    </message>
    <message>
        <source>on days %1 of the month</source>
        <translation>an den Tagen %1 jedes Monats</translation>
    </message>
    <message>
        <source>on %1</source>
        <translation>jeden %1</translation>
    </message>
    <message>
        <source>on day %1 of the month if it falls on %2</source>
        <translation>am %1. jedes Monats, wenn er auf %2 fällt</translation>
    </message>
    <message>
        <source>on days %1 of the month that fall on %2</source>
        <translation>an den Tagen %1 jedes Monats, die auf %2 fallen</translation>
    </message>
    <message>
        <source>%1 or on %2</source>
        <translation>%1 oder jeden %2</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>im %1</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>a time phrase, then a day or month phrase</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>every day at %1</source>
        <translation>täglich um %1</translation>
    </message>
    <message>
        <source>at %1 on %2 %3</source>
        <comment>time, day of month, month name</comment>
        <translation>am %2. %3 um %1</translation>
    </message>
    <message>
        <source>at %1</source>
        <translation>um %1</translation>
    </message>
    <message>
        <source>every minute</source>
        <translation>jede Minute</translation>
    </message>
    <message numerus="yes">
        <source>every %n minutes</source>
        <translation>
            <numerusform>jede Minute</numerusform>
            <numerusform>alle %n Minuten</numerusform>
        </translation>
    </message>
    <message>
        <source>every hour at minute %1</source>
        <translation>jede Stunde zur Minute %1</translation>
    </message>
    <message>
        <source>at minute %1 past every hour</source>
        <translation>jede Stunde zur Minute %1</translation>
    </message>
    <message numerus="yes">
        <source>every %n hours at minute %1</source>
        <translation>
            <numerusform>jede Stunde zur Minute %1</numerusform>
            <numerusform>alle %n Stunden zur Minute %1</numerusform>
        </translation>
    </message>
    <message>
        <source>hour %1</source>
        <translation>der Stunde %1</translation>
    </message>
    <message>
        <source>hours %1</source>
        <translation>den Stunden %1</translation>
    </message>
    <message>
        <source>every minute during %1</source>
        <translation>jede Minute in %1</translation>
    </message>
    <message numerus="yes">
        <source>every %n minutes during %1</source>
        <translation>
            <numerusform>jede Minute in %1</numerusform>
            <numerusform>alle %n Minuten in %1</numerusform>
        </translation>
    </message>
    <message>
        <source>at minute %1 past %2</source>
        <translation>zur Minute %1 in %2</translation>
    </message>
</context>
<context>
    <name>DueTimes</name>
    <message>
        <source>%1 %2 — %3 local</source>
        <extracomment>A due time in an agent&apos;s time zone (%1 the time, %2 the zone) and in local time (%3).</extracomment>
        <translation>%1 %2 — %3 Ortszeit</translation>
    </message>
</context>
<context>
    <name>ScheduleDescription</name>
    <message>
        <source>every day</source>
        <translation>täglich</translation>
    </message>
    <message numerus="yes">
        <source>every %n days</source>
        <translation>
            <numerusform>täglich</numerusform>
            <numerusform>alle %n Tage</numerusform>
        </translation>
    </message>
    <message>
        <source>every hour</source>
        <translation>jede Stunde</translation>
    </message>
    <message numerus="yes">
        <source>every %n hours</source>
        <translation>
            <numerusform>jede Stunde</numerusform>
            <numerusform>alle %n Stunden</numerusform>
        </translation>
    </message>
    <message>
        <source>every minute</source>
        <translation>jede Minute</translation>
    </message>
    <message numerus="yes">
        <source>every %n minutes</source>
        <translation>
            <numerusform>jede Minute</numerusform>
            <numerusform>alle %n Minuten</numerusform>
        </translation>
    </message>
    <message>
        <source>every second</source>
        <translation>jede Sekunde</translation>
    </message>
    <message numerus="yes">
        <source>every %n seconds</source>
        <translation>
            <numerusform>jede Sekunde</numerusform>
            <numerusform>alle %n Sekunden</numerusform>
        </translation>
    </message>
    <message>
        <source>every %1 seconds</source>
        <translation>alle %1 Sekunden</translation>
    </message>
    <message>
        <source>%1 from %2</source>
        <translation>%1 ab %2</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>times, time zone</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>once at %1</source>
        <translation>einmalig am %1</translation>
    </message>
    <message>
        <source>manual only</source>
        <translation>nur manuell</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message numerus="yes">
        <source>nightshift: serving %n agent(s) on %1; Ctrl+C to stop
</source>
        <translation>
            <numerusform>nightshift: %n Agent läuft auf %1; Strg+C beendet
</numerusform>
            <numerusform>nightshift: %n Agenten laufen auf %1; Strg+C beendet
</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n agent(s), all valid
</source>
        <translation>
            <numerusform>%1: %n Agent, gültig
</numerusform>
            <numerusform>%1: %n Agenten, alle gültig
</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n error(s); nothing was loaded
</source>
        <translation>
            <numerusform>%1: %n Fehler; nichts wurde geladen
</numerusform>
            <numerusform>%1: %n Fehler; nichts wurde geladen
</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>nightshift: at most %n run(s) at once
</source>
        <translation>
            <numerusform>nightshift: höchstens %n Lauf gleichzeitig
</numerusform>
            <numerusform>nightshift: höchstens %n Läufe gleichzeitig
</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>nightshift::AgentActionsDelegate</name>
    <message>
        <source>Start the agent&apos;s schedule</source>
        <translation>Den Zeitplan des Agenten starten</translation>
    </message>
    <message>
        <source>Hold the schedule; a running run finishes</source>
        <translation>Den Zeitplan anhalten; ein begonnener Lauf läuft zu Ende</translation>
    </message>
    <message>
        <source>Continue the schedule on its original phase</source>
        <translation>Den Zeitplan im ursprünglichen Takt fortsetzen</translation>
    </message>
    <message>
        <source>Take the agent off its schedule and cancel its run</source>
        <translation>Den Agenten vom Zeitplan nehmen und seinen Lauf abbrechen</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <source>Run now</source>
        <translation>Jetzt ausführen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
</context>
<context>
    <name>nightshift::AgentDetailsPanel</name>
    <message>
        <source>idle</source>
        <translation>inaktiv</translation>
    </message>
    <message>
        <source>scheduled</source>
        <translation>geplant</translation>
    </message>
    <message>
        <source>running</source>
        <translation>laufend</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>pausiert</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <source>failing</source>
        <translation>fehlerhaft</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>nicht gestartet</translation>
    </message>
    <message>
        <source>started</source>
        <translation>gestartet</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>Zustand:</translation>
    </message>
    <message>
        <source>Next run:</source>
        <translation>Nächster Lauf:</translation>
    </message>
    <message>
        <source>Runs:</source>
        <translation>Läufe:</translation>
    </message>
    <message>
        <source>Last run:</source>
        <translation>Letzter Lauf:</translation>
    </message>
    <message>
        <source>Duration:</source>
        <translation>Dauer:</translation>
    </message>
    <message>
        <source>Tokens:</source>
        <translation>Tokens:</translation>
    </message>
    <message>
        <source>Last error:</source>
        <translation>Letzter Fehler:</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Gedächtnis</translation>
    </message>
    <message>
        <source>No agent selected</source>
        <translation>Kein Agent ausgewählt</translation>
    </message>
    <message>
        <source>Select an agent to see its runs.</source>
        <translation>Wählen Sie einen Agenten aus, um seine Läufe zu sehen.</translation>
    </message>
    <message>
        <source>The run history could not be read: %1</source>
        <translation>Der Verlauf der Läufe ließ sich nicht lesen: %1</translation>
    </message>
    <message>
        <source>This agent has not run yet.</source>
        <translation>Dieser Agent ist noch nicht gelaufen.</translation>
    </message>
    <message>
        <source>%1 (set to %2)</source>
        <translation>%1 (Soll: %2)</translation>
    </message>
    <message>
        <source>%1, because %2</source>
        <translation>%1 (Grund: %2)</translation>
    </message>
    <message>
        <source>%1, store offline</source>
        <translation>%1, Speicher offline</translation>
    </message>
    <message>
        <source>none due</source>
        <translation>keiner fällig</translation>
    </message>
    <message>
        <source>%1 finished, %2 with errors, %3 failed in a row</source>
        <translation>%1 beendet, %2 mit Fehlern, %3 in Folge fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>last %1, average %2</source>
        <translation>zuletzt %1, im Mittel %2</translation>
    </message>
    <message>
        <source>no runs yet</source>
        <translation>noch keine Läufe</translation>
    </message>
    <message>
        <source>%1 today, %2 in all</source>
        <translation>%1 heute, %2 insgesamt</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>The run completed without a result.</source>
        <translation>Der Lauf wurde ohne Ergebnis abgeschlossen.</translation>
    </message>
    <message>
        <source>This occurrence did not run: %1.</source>
        <translation>Dieser Termin wurde nicht ausgeführt: %1.</translation>
    </message>
    <message>
        <source>The run is in progress.</source>
        <translation>Der Lauf ist im Gange.</translation>
    </message>
    <message numerus="yes">
        <source>Outcome: %1, after %n attempt(s).</source>
        <translation>
            <numerusform>Ausgang: %1, nach %n Versuch.</numerusform>
            <numerusform>Ausgang: %1, nach %n Versuchen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Memory (%n message(s))</source>
        <translation>
            <numerusform>Gedächtnis (%n Nachricht)</numerusform>
            <numerusform>Gedächtnis (%n Nachrichten)</numerusform>
        </translation>
    </message>
    <message>
        <source>This agent keeps no memory across runs; select a run to see its conversation.</source>
        <translation>Dieser Agent behält kein Gedächtnis über Läufe hinweg; wählen Sie einen Lauf aus, um seine Unterhaltung zu sehen.</translation>
    </message>
    <message>
        <source>Session &quot;%1&quot; holds no conversation.</source>
        <translation>Die Sitzung „%1“ enthält keine Unterhaltung.</translation>
    </message>
    <message>
        <source>Session &quot;%1&quot;</source>
        <translation>Sitzung „%1“</translation>
    </message>
    <message>
        <source>System:</source>
        <translation>System:</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Benutzer:</translation>
    </message>
    <message>
        <source>Assistant:</source>
        <translation>Assistent:</translation>
    </message>
    <message>
        <source>→ calls %1 %2</source>
        <translation>→ ruft %1 %2 auf</translation>
    </message>
    <message>
        <source>Tool %1:</source>
        <translation>Werkzeug %1:</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Not run as scheduled</source>
        <translation>Nicht planmäßig gelaufen</translation>
    </message>
    <message>
        <source>Show only the occurrences that were skipped or missed, ran as a catch-up, started more than a minute late, or failed, timed out or were interrupted.</source>
        <translation>Nur die Termine anzeigen, die übersprungen oder verpasst wurden, als Nachholung liefen, mehr als eine Minute zu spät begannen, fehlschlugen, das Zeitlimit überschritten oder unterbrochen wurden.</translation>
    </message>
    <message>
        <source>Run history</source>
        <translation>Verlauf der Läufe</translation>
    </message>
    <message>
        <source>Every occurrence shown ran as scheduled.</source>
        <translation>Jeder angezeigte Termin lief planmäßig.</translation>
    </message>
</context>
<context>
    <name>nightshift::AgentEditorDialog</name>
    <message>
        <source>Edit agent %1</source>
        <translation>Agent %1 bearbeiten</translation>
    </message>
    <message>
        <source>New agent</source>
        <translation>Neuer Agent</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Zeitplan</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>Limits</source>
        <translation>Grenzen</translation>
    </message>
    <message>
        <source>Tools</source>
        <translation>Werkzeuge</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Erstellen</translation>
    </message>
    <message>
        <source>Config key: %1</source>
        <translation>Konfigurationsschlüssel: %1</translation>
    </message>
    <message>
        <source>%1 (not valid)</source>
        <translation>%1 (ungültig)</translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation>(nicht gesetzt)</translation>
    </message>
    <message>
        <source>Revision %1. Saving makes revision %2: a run in progress finishes on revision %1, the agent&apos;s next run uses the new one.</source>
        <translation>Revision %1. Speichern erzeugt Revision %2: Ein begonnener Lauf endet mit Revision %1, der nächste Lauf des Agenten verwendet die neue.</translation>
    </message>
    <message>
        <source>Agent &amp;id</source>
        <translation>Agenten-&amp;ID</translation>
    </message>
    <message>
        <source>e.g. system_monitor</source>
        <translation>z. B. system_monitor</translation>
    </message>
    <message>
        <source>An existing agent keeps its id; create a new agent to use another.</source>
        <translation>Ein bestehender Agent behält seine ID; erstellen Sie für eine andere ID einen neuen Agenten.</translation>
    </message>
    <message>
        <source>System &amp;instruction</source>
        <translation>System&amp;anweisung</translation>
    </message>
    <message>
        <source>Who the agent is and how it works, e.g. &quot;Monitor system resources and alert if usage is high.&quot;</source>
        <translation>Wer der Agent ist und wie er arbeitet, z. B. „Überwache die Systemressourcen und warne bei hoher Auslastung.“</translation>
    </message>
    <message>
        <source>&amp;Provider</source>
        <translation>&amp;Anbieter</translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation>&amp;Modell</translation>
    </message>
    <message>
        <source>e.g. gpt-4o-mini</source>
        <translation>z. B. gpt-4o-mini</translation>
    </message>
    <message>
        <source>&amp;Base URL</source>
        <translation>&amp;Basis-URL</translation>
    </message>
    <message>
        <source>API &amp;key name</source>
        <translation>&amp;Name des API-Schlüssels</translation>
    </message>
    <message>
        <source>The name of a keychain entry or environment variable that holds the key, never the key itself.</source>
        <translation>Der Name eines Schlüsselbundeintrags oder einer Umgebungsvariable, die den Schlüssel enthält, nie der Schlüssel selbst.</translation>
    </message>
    <message>
        <source>&amp;Temperature</source>
        <translation>&amp;Temperatur</translation>
    </message>
    <message>
        <source>provider&apos;s default (0 to 2)</source>
        <translation>Standard des Anbieters (0 bis 2)</translation>
    </message>
    <message>
        <source>Max &amp;tokens</source>
        <translation>Max. T&amp;okens</translation>
    </message>
    <message>
        <source>provider&apos;s default</source>
        <translation>Standard des Anbieters</translation>
    </message>
    <message>
        <source>Top &amp;p</source>
        <translation>Top &amp;p</translation>
    </message>
    <message>
        <source>provider&apos;s default (over 0, up to 1)</source>
        <translation>Standard des Anbieters (über 0, bis 1)</translation>
    </message>
    <message>
        <source>Every interval</source>
        <translation>In festem Abstand</translation>
    </message>
    <message>
        <source>Once</source>
        <translation>Einmalig</translation>
    </message>
    <message>
        <source>Manual only</source>
        <translation>Nur manuell</translation>
    </message>
    <message>
        <source>&amp;Runs</source>
        <translation>&amp;Ausführung</translation>
    </message>
    <message>
        <source>e.g. 300 for every 5 minutes</source>
        <translation>z. B. 300 für alle 5 Minuten</translation>
    </message>
    <message>
        <source>Every (&amp;seconds)</source>
        <translation>Alle (&amp;Sekunden)</translation>
    </message>
    <message>
        <source>a fixed time:</source>
        <translation>einem festen Zeitpunkt:</translation>
    </message>
    <message>
        <source>Counted from</source>
        <translation>Gezählt ab</translation>
    </message>
    <message>
        <source>Unchecked, the interval counts from when the agent starts.</source>
        <translation>Ohne Haken zählt der Abstand ab dem Start des Agenten.</translation>
    </message>
    <message>
        <source>&amp;At</source>
        <translation>&amp;Zeitpunkt</translation>
    </message>
    <message>
        <source>Runs only when started by hand (Run now).</source>
        <translation>Der Agent läuft nur, wenn er von Hand gestartet wird (Jetzt ausführen).</translation>
    </message>
    <message>
        <source>&amp;Query</source>
        <translation>&amp;Anfrage</translation>
    </message>
    <message>
        <source>What each run asks, e.g. &quot;Check local CPU and Memory usage.&quot;</source>
        <translation>Was jeder Lauf fragt, z. B. „Prüfe die lokale CPU- und Speicherauslastung.“</translation>
    </message>
    <message>
        <source>Max &amp;retries</source>
        <translation>Max. &amp;Wiederholungen</translation>
    </message>
    <message>
        <source>default: %1</source>
        <translation>Standard: %1</translation>
    </message>
    <message>
        <source>Retry &amp;delay (seconds)</source>
        <translation>Wartezeit vor Wie&amp;derholung (Sekunden)</translation>
    </message>
    <message>
        <source>Retry &amp;backoff</source>
        <translation>Zu&amp;nahme der Wartezeit</translation>
    </message>
    <message>
        <source>Fixed delay</source>
        <translation>Feste Wartezeit</translation>
    </message>
    <message>
        <source>Exponential</source>
        <translation>Exponentiell</translation>
    </message>
    <message>
        <source>Longest retry d&amp;elay (seconds)</source>
        <translation>&amp;Längste Wartezeit (Sekunden)</translation>
    </message>
    <message>
        <source>&amp;Timeout per attempt (seconds)</source>
        <translation>&amp;Zeitlimit je Versuch (Sekunden)</translation>
    </message>
    <message>
        <source>&amp;Session id</source>
        <translation>&amp;Sitzungs-ID</translation>
    </message>
    <message>
        <source>empty: each run starts a fresh conversation</source>
        <translation>leer: Jeder Lauf beginnt eine neue Unterhaltung</translation>
    </message>
    <message>
        <source>Max &amp;steps per run</source>
        <translation>Max. &amp;Schritte pro Lauf</translation>
    </message>
    <message>
        <source>&amp;Request limit per run</source>
        <translation>Max. &amp;Anfragen pro Lauf</translation>
    </message>
    <message>
        <source>default: 0, no limit</source>
        <translation>Standard: 0, keine Grenze</translation>
    </message>
    <message>
        <source>T&amp;oken limit per run</source>
        <translation>Max. &amp;Tokens pro Lauf</translation>
    </message>
    <message>
        <source>Tool call &amp;timeout (seconds)</source>
        <translation>Zeitlimit je &amp;Werkzeugaufruf (Sekunden)</translation>
    </message>
    <message>
        <source>&amp;Memory</source>
        <translation>&amp;Gedächtnis</translation>
    </message>
    <message>
        <source>Last messages (sliding window)</source>
        <translation>Letzte Nachrichten (gleitendes Fenster)</translation>
    </message>
    <message>
        <source>Last tokens (token budget)</source>
        <translation>Letzte Tokens (Token-Budget)</translation>
    </message>
    <message>
        <source>Memory &amp;size</source>
        <translation>Gedächtnis&amp;umfang</translation>
    </message>
    <message>
        <source>default: %1, in messages or tokens as chosen above</source>
        <translation>Standard: %1, in Nachrichten oder Tokens wie oben gewählt</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Werkzeuge</translation>
    </message>
    <message>
        <source>One absolute folder a line: where file_read and file_write may work</source>
        <translation>Ein absoluter Ordner pro Zeile: wo file_read und file_write arbeiten dürfen</translation>
    </message>
    <message>
        <source>&amp;Allowed folders</source>
        <translation>&amp;Erlaubte Ordner</translation>
    </message>
    <message>
        <source>Add &amp;folder…</source>
        <translation>&amp;Ordner hinzufügen…</translation>
    </message>
    <message>
        <source>Allowed folder</source>
        <translation>Erlaubter Ordner</translation>
    </message>
    <message>
        <source>Tool a&amp;rguments (JSON)</source>
        <translation>Werkzeug&amp;argumente (JSON)</translation>
    </message>
    <message>
        <source>The same config as JSON, in the seed&apos;s format. Keys the form has no field for are kept.</source>
        <translation>Dieselbe Konfiguration als JSON, im Format der Konfigurationsdateien. Schlüssel, für die das Formular kein Feld hat, bleiben erhalten.</translation>
    </message>
    <message>
        <source>not used by provider %1</source>
        <translation>von Anbieter %1 nicht verwendet</translation>
    </message>
    <message>
        <source>required, e.g. https://RESOURCE.openai.azure.com</source>
        <translation>erforderlich, z. B. https://RESSOURCE.openai.azure.com</translation>
    </message>
    <message>
        <source>none needed</source>
        <translation>nicht nötig</translation>
    </message>
    <message>
        <source>Not available here.</source>
        <translation>Hier nicht verfügbar.</translation>
    </message>
    <message>
        <source>The config is valid.</source>
        <translation>Die Konfiguration ist gültig.</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) to fix before saving (double-click one to go to its field):</source>
        <translation>
            <numerusform>Vor dem Speichern ist %n Problem zu beheben (ein Doppelklick führt zum Feld):</numerusform>
            <numerusform>Vor dem Speichern sind %n Probleme zu beheben (ein Doppelklick führt zum jeweiligen Feld):</numerusform>
        </translation>
    </message>
    <message>
        <source>The due times show once the schedule is valid.</source>
        <translation>Die Fälligkeiten erscheinen, sobald der Zeitplan gültig ist.</translation>
    </message>
    <message>
        <source>None: the agent runs only when started by hand.</source>
        <translation>Keine: Der Agent läuft nur, wenn er von Hand gestartet wird.</translation>
    </message>
    <message>
        <source>None: that time has passed.</source>
        <translation>Keine: Dieser Zeitpunkt ist vorbei.</translation>
    </message>
    <message>
        <source>Policies</source>
        <translation>Regeln</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <source>On a cron schedule</source>
        <translation>Nach Cron-Zeitplan</translation>
    </message>
    <message>
        <source>minute hour day-of-month month day-of-week</source>
        <translation>Minute Stunde Monatstag Monat Wochentag</translation>
    </message>
    <message>
        <source>&amp;Expression</source>
        <translation>A&amp;usdruck</translation>
    </message>
    <message>
        <source>e.g. &quot;0 9 * * mon-fri&quot; weekdays at 09:00, &quot;*/15 * * * *&quot; every 15 minutes, &quot;30 2 1 * *&quot; at 02:30 on the 1st of each month, or @hourly, @daily, @weekly, @monthly.</source>
        <translation>z. B. „0 9 * * mon-fri“ werktags um 09:00, „*/15 * * * *“ alle 15 Minuten, „30 2 1 * *“ um 02:30 am 1. jedes Monats oder @hourly, @daily, @weekly, @monthly.</translation>
    </message>
    <message>
        <source>System (%1)</source>
        <translation>System (%1)</translation>
    </message>
    <message>
        <source>Time &amp;zone</source>
        <translation>Ze&amp;itzone</translation>
    </message>
    <message>
        <source>First run</source>
        <translation>Erster Lauf</translation>
    </message>
    <message>
        <source>not before:</source>
        <translation>nicht vor:</translation>
    </message>
    <message>
        <source>Unchecked, the schedule starts at once.</source>
        <translation>Ohne Haken beginnt der Zeitplan sofort.</translation>
    </message>
    <message>
        <source>Last run</source>
        <translation>Letzter Lauf</translation>
    </message>
    <message>
        <source>not after:</source>
        <translation>nicht nach:</translation>
    </message>
    <message>
        <source>Unchecked, the schedule never ends.</source>
        <translation>Ohne Haken endet der Zeitplan nie.</translation>
    </message>
    <message>
        <source>&amp;Max runs</source>
        <translation>Max. &amp;Läufe</translation>
    </message>
    <message>
        <source>no limit; e.g. 3 stops after three runs</source>
        <translation>keine Grenze; z. B. 3 endet nach drei Läufen</translation>
    </message>
    <message>
        <source>&amp;Jitter (seconds)</source>
        <translation>&amp;Jitter (Sekunden)</translation>
    </message>
    <message>
        <source>0: each run starts on time; e.g. 60 spreads starts over a minute</source>
        <translation>0: Jeder Lauf beginnt pünktlich; z. B. 60 verteilt die Starts über eine Minute</translation>
    </message>
    <message>
        <source>M&amp;issed runs</source>
        <translation>&amp;Verpasste Läufe</translation>
    </message>
    <message>
        <source>Skip them</source>
        <translation>Überspringen</translation>
    </message>
    <message>
        <source>Run once to catch up</source>
        <translation>Einmal nachholen</translation>
    </message>
    <message>
        <source>Run every one missed</source>
        <translation>Jeden verpassten Lauf nachholen</translation>
    </message>
    <message>
        <source>&amp;Grace (seconds)</source>
        <translation>&amp;Toleranz (Sekunden)</translation>
    </message>
    <message>
        <source>default: %1; a run at most this late is not missed</source>
        <translation>Standard: %1; ein Lauf, der höchstens so spät kommt, gilt nicht als verpasst</translation>
    </message>
    <message>
        <source>&amp;Catch-up limit</source>
        <translation>&amp;Nachholgrenze</translation>
    </message>
    <message>
        <source>default: %1 runs at most after one gap (1 to 1000)</source>
        <translation>Standard: höchstens %1 Läufe nach einer Lücke (1 bis 1000)</translation>
    </message>
    <message>
        <source>&amp;Overlapping runs</source>
        <translation>Ü&amp;berlappende Läufe</translation>
    </message>
    <message>
        <source>Skip the new run</source>
        <translation>Neuen Lauf überspringen</translation>
    </message>
    <message>
        <source>Queue one</source>
        <translation>Einen einreihen</translation>
    </message>
    <message>
        <source>Cancel the running one</source>
        <translation>Laufenden abbrechen</translation>
    </message>
    <message>
        <source>Allow them</source>
        <translation>Zulassen</translation>
    </message>
    <message>
        <source>Max &amp;parallel runs</source>
        <translation>Max. &amp;parallele Läufe</translation>
    </message>
    <message>
        <source>default: %1 (1 to 100)</source>
        <translation>Standard: %1 (1 bis 100)</translation>
    </message>
    <message>
        <source>P&amp;ause after failures</source>
        <translation>P&amp;ause nach Fehlschlägen</translation>
    </message>
    <message>
        <source>default: %1 in a row; 0: never pause</source>
        <translation>Standard: %1 in Folge; 0: nie pausieren</translation>
    </message>
    <message>
        <source>What the agent may spend; empty or 0 means no cap. A run that would pass a cap is skipped or pauses the agent. The cap for a single run is the token limit on the Limits tab.</source>
        <translation>Was der Agent verbrauchen darf; leer oder 0 bedeutet keine Obergrenze. Ein Lauf, der eine Obergrenze überschreiten würde, wird übersprungen oder pausiert den Agenten. Die Obergrenze für einen einzelnen Lauf ist die Token-Grenze auf der Registerkarte „Grenzen“.</translation>
    </message>
    <message>
        <source>&amp;Tokens per day</source>
        <translation>&amp;Tokens pro Tag</translation>
    </message>
    <message>
        <source>no cap</source>
        <translation>keine Obergrenze</translation>
    </message>
    <message>
        <source>T&amp;okens per month</source>
        <translation>T&amp;okens pro Monat</translation>
    </message>
    <message>
        <source>&amp;Cost per day ($)</source>
        <translation>&amp;Kosten pro Tag ($)</translation>
    </message>
    <message>
        <source>no cap; e.g. 0.50</source>
        <translation>keine Obergrenze; z. B. 0.50</translation>
    </message>
    <message>
        <source>Cost per &amp;month ($)</source>
        <translation>Kosten pro &amp;Monat ($)</translation>
    </message>
    <message>
        <source>no cap; e.g. 10</source>
        <translation>keine Obergrenze; z. B. 10</translation>
    </message>
    <message>
        <source>&amp;When exceeded</source>
        <translation>&amp;Bei Überschreitung</translation>
    </message>
    <message>
        <source>Skip the run</source>
        <translation>Lauf überspringen</translation>
    </message>
    <message>
        <source>Pause the agent</source>
        <translation>Agenten pausieren</translation>
    </message>
    <message>
        <source>A run missed by more than the grace (the computer was off or asleep) is left out; the agent waits for its next due time.</source>
        <translation>Ein Lauf, der um mehr als die Toleranz verpasst wurde (der Computer war aus oder im Ruhezustand), entfällt; der Agent wartet auf seine nächste Fälligkeit.</translation>
    </message>
    <message>
        <source>However many runs were missed, one runs at once to catch up, then the schedule goes on.</source>
        <translation>Wie viele Läufe auch verpasst wurden, einer wird sofort nachgeholt, dann geht der Zeitplan weiter.</translation>
    </message>
    <message>
        <source>Every missed run is made up, one after another, up to the catch-up limit.</source>
        <translation>Jeder verpasste Lauf wird nachgeholt, einer nach dem anderen, bis zur Nachholgrenze.</translation>
    </message>
    <message>
        <source>A run that falls due while the previous one is still going is left out.</source>
        <translation>Ein Lauf, der fällig wird, während der vorige noch läuft, entfällt.</translation>
    </message>
    <message>
        <source>A run that falls due while one is going starts when it ends; at most one waits.</source>
        <translation>Ein Lauf, der fällig wird, während einer läuft, beginnt nach dessen Ende; höchstens einer wartet.</translation>
    </message>
    <message>
        <source>The run still going is cancelled and the new one starts.</source>
        <translation>Der noch laufende Lauf wird abgebrochen, und der neue beginnt.</translation>
    </message>
    <message>
        <source>Runs may overlap, up to the max parallel runs.</source>
        <translation>Läufe dürfen sich überlappen, bis zur Höchstzahl paralleler Läufe.</translation>
    </message>
    <message>
        <source>Runs %1.</source>
        <translation>Zeitplan: %1.</translation>
    </message>
    <message>
        <source>Each run starts up to %1 s later (jitter).</source>
        <translation>Jeder Lauf beginnt bis zu %1 s später (Jitter).</translation>
    </message>
    <message>
        <source>Next due times, in %1 and in local time:</source>
        <translation>Nächste Fälligkeiten, in %1 und in Ortszeit:</translation>
    </message>
    <message>
        <source>Next due times (local time):</source>
        <translation>Nächste Fälligkeiten (Ortszeit):</translation>
    </message>
    <message>
        <source>None: the schedule has no due time left.</source>
        <translation>Keine: Der Zeitplan hat keine Fälligkeit mehr.</translation>
    </message>
</context>
<context>
    <name>nightshift::AgentFilterProxy</name>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Laufend</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Geplant</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Gestoppt</translation>
    </message>
    <message>
        <source>Errored</source>
        <translation>Fehlerhaft</translation>
    </message>
    <message>
        <source>Ran today</source>
        <translation>Heute gelaufen</translation>
    </message>
    <message>
        <source>Used tokens today</source>
        <translation>Heute Tokens verbraucht</translation>
    </message>
</context>
<context>
    <name>nightshift::AgentTableModel</name>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Next run</source>
        <translation>Nächster Lauf</translation>
    </message>
    <message>
        <source>Paused: %1</source>
        <translation>Pausiert: %1</translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation>Letzter Fehler: %1</translation>
    </message>
    <message>
        <source>The store is offline; changes wait for it.</source>
        <translation>Der Speicher ist offline; Änderungen warten auf ihn.</translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) today</source>
        <translation>
            <numerusform>%n Lauf heute</numerusform>
            <numerusform>%n Läufe heute</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The last %n run(s): %1 to %2, the latest %3</source>
        <translation>
            <numerusform>Der letzte Lauf: %1 bis %2, der jüngste %3</numerusform>
            <numerusform>Die letzten %n Läufe: %1 bis %2, der jüngste %3</numerusform>
        </translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>timed out</source>
        <translation>Zeitlimit überschritten</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>unterbrochen</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Zeitplan</translation>
    </message>
    <message>
        <source>Last run</source>
        <translation>Letzter Lauf</translation>
    </message>
    <message>
        <source>Failures in a row</source>
        <translation>Fehlschläge in Folge</translation>
    </message>
    <message>
        <source>Avg. duration</source>
        <translation>Ø Dauer</translation>
    </message>
    <message>
        <source>Tokens today</source>
        <translation>Tokens heute</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Aktionen</translation>
    </message>
    <message>
        <source>Recent durations</source>
        <translation>Letzte Laufzeiten</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Inaktiv</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Geplant</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Laufend</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Gestoppt</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>due now</source>
        <translation>jetzt fällig</translation>
    </message>
    <message>
        <source>in %1 s</source>
        <translation>in %1 s</translation>
    </message>
    <message>
        <source>in %1 min %2 s</source>
        <translation>in %1 min %2 s</translation>
    </message>
    <message>
        <source>in %1 h %2 min</source>
        <translation>in %1 h %2 min</translation>
    </message>
    <message>
        <source>in %1 d %2 h</source>
        <translation>in %1 d %2 h</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
</context>
<context>
    <name>nightshift::BudgetForecastView</name>
    <message>
        <source>the last run</source>
        <translation>der letzte Lauf</translation>
    </message>
    <message>
        <source>average of the last %1 runs</source>
        <translation>Mittel der letzten %1 Läufe</translation>
    </message>
    <message>
        <source>average of recent runs</source>
        <translation>Mittel der letzten Läufe</translation>
    </message>
    <message>
        <source>the run&apos;s token limit</source>
        <translation>die Token-Grenze des Laufs</translation>
    </message>
    <message>
        <source>estimate: max_tokens × max_steps ÷ 2</source>
        <translation>Schätzung: max_tokens × max_steps ÷ 2</translation>
    </message>
    <message>
        <source>a guess: no history or limits to go by</source>
        <translation>eine Annahme: weder Verlauf noch Grenzen als Anhaltspunkt</translation>
    </message>
    <message>
        <source>1 run in the next %1 days</source>
        <translation>1 Lauf in den nächsten %1 Tagen</translation>
    </message>
    <message>
        <source>%1 runs in the next %2 days</source>
        <translation>%1 Läufe in den nächsten %2 Tagen</translation>
    </message>
    <message>
        <source>≈ 1 run a day</source>
        <translation>≈ 1 Lauf pro Tag</translation>
    </message>
    <message>
        <source>≈ %1 runs a day</source>
        <translation>≈ %1 Läufe pro Tag</translation>
    </message>
    <message>
        <source>Runs only when started by hand, so nothing is forecast.</source>
        <translation>Der Agent läuft nur, wenn er von Hand gestartet wird; daher gibt es keine Prognose.</translation>
    </message>
    <message>
        <source>No run falls due in the next %1 days, so nothing is forecast.</source>
        <translation>In den nächsten %1 Tagen wird kein Lauf fällig; daher gibt es keine Prognose.</translation>
    </message>
    <message>
        <source>%1 tokens (%2)</source>
        <translation>%1 Tokens (%2)</translation>
    </message>
    <message>
        <source>%1 × %2 × %3/M ≈ %4 a day, %5 a month</source>
        <translation>%1 × %2 × %3/M ≈ %4 pro Tag, %5 pro Monat</translation>
    </message>
    <message>
        <source>%1 × %2 × %3/M ≈ %4</source>
        <translation>%1 × %2 × %3/M ≈ %4</translation>
    </message>
    <message>
        <source>%1 × %2 ≈ %3 tokens a day, %4 a month</source>
        <translation>%1 × %2 ≈ %3 Tokens pro Tag, %4 pro Monat</translation>
    </message>
    <message>
        <source>%1 × %2 ≈ %3 tokens</source>
        <translation>%1 × %2 ≈ %3 Tokens</translation>
    </message>
    <message>
        <source>%1 %2 has no price, so no cost is forecast: add one in Settings → Prices.</source>
        <translation>%1 %2 hat keinen Preis, daher gibt es keine Kostenprognose: Fügen Sie unter Einstellungen → Preise einen hinzu.</translation>
    </message>
    <message>
        <source>%1, every model</source>
        <translation>%1, alle Modelle</translation>
    </message>
    <message>
        <source>Priced as %1: %2/M input, %3/M output; %4% of the tokens are counted as input.</source>
        <translation>Preis laut %1: %2/M Eingabe, %3/M Ausgabe; %4 % der Tokens zählen als Eingabe.</translation>
    </message>
    <message>
        <source>The daily cap of %1 cannot be checked without a price.</source>
        <translation>Die Tagesobergrenze von %1 lässt sich ohne Preis nicht prüfen.</translation>
    </message>
    <message>
        <source>The daily cap of %1 would be passed: about %2 a day.</source>
        <translation>Die Tagesobergrenze von %1 würde überschritten: etwa %2 pro Tag.</translation>
    </message>
    <message>
        <source>The daily cap of %1 leaves room: about %2 a day.</source>
        <translation>Die Tagesobergrenze von %1 reicht aus: etwa %2 pro Tag.</translation>
    </message>
    <message>
        <source>%1 spent today: the cap is reached.</source>
        <translation>%1 heute verbraucht: Die Obergrenze ist erreicht.</translation>
    </message>
    <message>
        <source>%1 spent today; ≈ %2 by the day&apos;s end: the cap is reached today.</source>
        <translation>%1 heute verbraucht; ≈ %2 bis Tagesende: Die Obergrenze wird heute erreicht.</translation>
    </message>
    <message>
        <source>%1 spent today; ≈ %2 by the day&apos;s end.</source>
        <translation>%1 heute verbraucht; ≈ %2 bis Tagesende.</translation>
    </message>
    <message>
        <source>The monthly cap of %1 cannot be checked without a price.</source>
        <translation>Die Monatsobergrenze von %1 lässt sich ohne Preis nicht prüfen.</translation>
    </message>
    <message>
        <source>≈ %1 by the month&apos;s end: the monthly cap of %2 would be reached on %3.</source>
        <translation>≈ %1 bis Monatsende: Die Monatsobergrenze von %2 wäre am %3 erreicht.</translation>
    </message>
    <message>
        <source>≈ %1 by the month&apos;s end: the monthly cap of %2 would not be reached this month.</source>
        <translation>≈ %1 bis Monatsende: Die Monatsobergrenze von %2 würde in diesem Monat nicht erreicht.</translation>
    </message>
    <message>
        <source>%1 spent this month: the monthly cap of %2 is reached.</source>
        <translation>%1 in diesem Monat verbraucht: Die Monatsobergrenze von %2 ist erreicht.</translation>
    </message>
    <message>
        <source>%1 spent this month; ≈ %2 by the month&apos;s end: the monthly cap of %3 would be reached on %4.</source>
        <translation>%1 in diesem Monat verbraucht; ≈ %2 bis Monatsende: Die Monatsobergrenze von %3 wäre am %4 erreicht.</translation>
    </message>
    <message>
        <source>%1 spent this month; ≈ %2 by the month&apos;s end: the monthly cap of %3 would not be reached this month.</source>
        <translation>%1 in diesem Monat verbraucht; ≈ %2 bis Monatsende: Die Monatsobergrenze von %3 würde in diesem Monat nicht erreicht.</translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 Tokens</translation>
    </message>
</context>
<context>
    <name>nightshift::ChartsPanel</name>
    <message>
        <source>Runs and errors</source>
        <translation>Läufe und Fehler</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>runs</source>
        <translation>Läufe</translation>
    </message>
    <message>
        <source>Run duration</source>
        <translation>Laufdauer</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>Sekunden</translation>
    </message>
    <message>
        <source>Tokens per run</source>
        <translation>Tokens pro Lauf</translation>
    </message>
    <message>
        <source>tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <source>All agents</source>
        <translation>Alle Agenten</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>Mittelwert</translation>
    </message>
    <message>
        <source>Longest</source>
        <translation>Längste</translation>
    </message>
    <message>
        <source>Mean per run</source>
        <translation>Mittelwert pro Lauf</translation>
    </message>
    <message>
        <source>Agent:</source>
        <translation>Agent:</translation>
    </message>
    <message>
        <source>Window:</source>
        <translation>Zeitraum:</translation>
    </message>
    <message>
        <source>%1 to %2
%3 runs, %4 with errors, %5 skipped or missed</source>
        <translation>%1 bis %2
%3 Läufe, %4 mit Fehlern, %5 übersprungen oder verpasst</translation>
    </message>
    <message>
        <source>The runs could not be read: %1</source>
        <translation>Die Läufe ließen sich nicht lesen: %1</translation>
    </message>
    <message>
        <source>Runs and errors per minute</source>
        <translation>Läufe und Fehler pro Minute</translation>
    </message>
    <message>
        <source>Runs and errors per hour</source>
        <translation>Läufe und Fehler pro Stunde</translation>
    </message>
    <message>
        <source>Runs and errors per 6 hours</source>
        <translation>Läufe und Fehler pro 6 Stunden</translation>
    </message>
    <message>
        <source>Runs and errors per day</source>
        <translation>Läufe und Fehler pro Tag</translation>
    </message>
    <message>
        <source>%1 runs, %2 with errors, %3 skipped or missed, %4 tokens</source>
        <translation>%1 Läufe, %2 mit Fehlern, %3 übersprungen oder verpasst, %4 Tokens</translation>
    </message>
</context>
<context>
    <name>nightshift::EventLogDock</name>
    <message>
        <source>Selected agents only</source>
        <translation>Nur ausgewählte Agenten</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>Folgen</translation>
    </message>
    <message>
        <source>Only matching rows</source>
        <translation>Nur passende Zeilen</translation>
    </message>
    <message>
        <source>Event log</source>
        <translation>Ereignisprotokoll</translation>
    </message>
    <message>
        <source>Show only the events of the agents selected in the table</source>
        <translation>Nur die Ereignisse der in der Tabelle ausgewählten Agenten anzeigen</translation>
    </message>
    <message>
        <source>Types: all</source>
        <translation>Typen: alle</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Warnungen</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>UTC</source>
        <translation>UTC</translation>
    </message>
    <message>
        <source>Show times in UTC instead of local time</source>
        <translation>Zeiten in UTC statt in Ortszeit anzeigen</translation>
    </message>
    <message>
        <source>Keep the newest event in view; scrolling up pauses, scrolling to the end resumes</source>
        <translation>Das neueste Ereignis sichtbar halten; Bildlauf nach oben pausiert, Bildlauf ans Ende setzt fort</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>Save the events shown as JSON lines</source>
        <translation>Die angezeigten Ereignisse als JSON Lines speichern</translation>
    </message>
    <message>
        <source>Search agent, type, run or payload</source>
        <translation>Agent, Typ, Lauf oder Nutzdaten durchsuchen</translation>
    </message>
    <message>
        <source>Previous match (Shift+F3)</source>
        <translation>Vorheriger Treffer (Umschalt+F3)</translation>
    </message>
    <message>
        <source>Next match (F3, Enter)</source>
        <translation>Nächster Treffer (F3, Eingabe)</translation>
    </message>
    <message>
        <source>%1 events</source>
        <translation>%1 Ereignisse</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy as JSON Lines</source>
        <translation>Als JSON Lines kopieren</translation>
    </message>
    <message>
        <source>Find Next</source>
        <translation>Weitersuchen</translation>
    </message>
    <message>
        <source>Find Previous</source>
        <translation>Rückwärts suchen</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Show All Types</source>
        <translation>Alle Typen anzeigen</translation>
    </message>
    <message>
        <source>Types: %1</source>
        <translation>Typen: %1</translation>
    </message>
    <message>
        <source>No match</source>
        <translation>Kein Treffer</translation>
    </message>
    <message>
        <source>Export Events</source>
        <translation>Ereignisse exportieren</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl);;All files (*)</source>
        <translation>JSON Lines (*.jsonl);;Alle Dateien (*)</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n event(s)</source>
        <translation>
            <numerusform>%n Ereignis exportiert</numerusform>
            <numerusform>%n Ereignisse exportiert</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 events</source>
        <translation>%1 von %2 Ereignissen</translation>
    </message>
</context>
<context>
    <name>nightshift::EventLogFilter</name>
    <message>
        <source>The events could not be written: %1</source>
        <translation>Die Ereignisse konnten nicht geschrieben werden: %1</translation>
    </message>
</context>
<context>
    <name>nightshift::EventLogModel</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 run, attempt %2</source>
        <translation>Lauf (%1), Versuch %2</translation>
    </message>
    <message>
        <source>completed in %1</source>
        <translation>abgeschlossen in %1</translation>
    </message>
    <message>
        <source>%1, will retry</source>
        <translation>%1, wird wiederholt</translation>
    </message>
    <message>
        <source>%1 → %2 (%3)</source>
        <translation>%1 → %2 (%3)</translation>
    </message>
    <message>
        <source>skipped %1</source>
        <translation>%1 übersprungen</translation>
    </message>
    <message>
        <source>attempt %1 in %2</source>
        <translation>Versuch %1 in %2</translation>
    </message>
    <message>
        <source>%1, step %2, %3 messages</source>
        <translation>%1, Schritt %2, %3 Nachrichten</translation>
    </message>
    <message>
        <source>step %1: %2, %3 in / %4 out tokens, %5</source>
        <translation>Schritt %1: %2, %3 Tokens ein / %4 aus, %5</translation>
    </message>
    <message>
        <source>try %1 failed (HTTP %2), retry in %3</source>
        <translation>Versuch %1 fehlgeschlagen (HTTP %2), neuer Versuch in %3</translation>
    </message>
    <message>
        <source>%1 done in %2</source>
        <translation>%1 fertig in %2</translation>
    </message>
    <message>
        <source>%1 failed after %2</source>
        <translation>%1 nach %2 fehlgeschlagen</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>Info</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation>Zeit (UTC)</translation>
    </message>
    <message>
        <source>Time (local)</source>
        <translation>Zeit (Ortszeit)</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>waits for %1&apos;s per-minute limit, place %2 in line</source>
        <translation>wartet auf das Anfragelimit pro Minute von %1, Position %2 in der Warteschlange</translation>
    </message>
    <message>
        <source>waits for a free %1 slot, place %2 in line</source>
        <translation>wartet auf einen freien Anfrageplatz bei %1, Position %2 in der Warteschlange</translation>
    </message>
</context>
<context>
    <name>nightshift::MainWindow</name>
    <message>
        <source>Nightshift</source>
        <translation>Nightshift</translation>
    </message>
    <message>
        <source>Store: %1</source>
        <translation>Speicher: %1</translation>
    </message>
    <message>
        <source>The engine did not start: %1</source>
        <translation>Die Engine ist nicht gestartet: %1</translation>
    </message>
    <message>
        <source>No store</source>
        <translation>Kein Speicher</translation>
    </message>
    <message>
        <source>SQLite: %1</source>
        <translation>SQLite: %1</translation>
    </message>
    <message>
        <source>Redis: %1</source>
        <translation>Redis: %1</translation>
    </message>
    <message>
        <source>In memory (nothing is kept)</source>
        <translation>Im Arbeitsspeicher (nichts bleibt erhalten)</translation>
    </message>
    <message>
        <source>Could not start %1: %2</source>
        <translation>%1 konnte nicht gestartet werden: %2</translation>
    </message>
    <message>
        <source>Could not pause %1: %2</source>
        <translation>%1 konnte nicht pausiert werden: %2</translation>
    </message>
    <message>
        <source>Could not resume %1: %2</source>
        <translation>%1 konnte nicht fortgesetzt werden: %2</translation>
    </message>
    <message>
        <source>Could not stop %1: %2</source>
        <translation>%1 konnte nicht gestoppt werden: %2</translation>
    </message>
    <message>
        <source>Could not run %1: %2</source>
        <translation>%1 konnte nicht ausgeführt werden: %2</translation>
    </message>
    <message>
        <source>Could not delete %1: %2</source>
        <translation>%1 konnte nicht gelöscht werden: %2</translation>
    </message>
    <message numerus="yes">
        <source>Started %n agent(s)</source>
        <translation>
            <numerusform>%n Agent gestartet</numerusform>
            <numerusform>%n Agenten gestartet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Paused %n agent(s)</source>
        <translation>
            <numerusform>%n Agent pausiert</numerusform>
            <numerusform>%n Agenten pausiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Resumed %n agent(s)</source>
        <translation>
            <numerusform>%n Agent fortgesetzt</numerusform>
            <numerusform>%n Agenten fortgesetzt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped %n agent(s)</source>
        <translation>
            <numerusform>%n Agent gestoppt</numerusform>
            <numerusform>%n Agenten gestoppt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Started a run of %n agent(s)</source>
        <translation>
            <numerusform>Lauf von %n Agent gestartet</numerusform>
            <numerusform>Läufe von %n Agenten gestartet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n agent(s)</source>
        <translation>
            <numerusform>%n Agent gelöscht</numerusform>
            <numerusform>%n Agenten gelöscht</numerusform>
        </translation>
    </message>
    <message>
        <source>The engine is not running; agents cannot be changed.</source>
        <translation>Die Engine läuft nicht; Agenten können nicht geändert werden.</translation>
    </message>
    <message>
        <source>Agent %1 no longer exists.</source>
        <translation>Agent %1 existiert nicht mehr.</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>%1 konnte nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Saved %1 as revision %2; it applies from its next run.</source>
        <translation>%1 als Revision %2 gespeichert; sie gilt ab dem nächsten Lauf.</translation>
    </message>
    <message>
        <source>Created %1.</source>
        <translation>%1 erstellt.</translation>
    </message>
    <message>
        <source>Agent details</source>
        <translation>Agentendetails</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>Diagramme</translation>
    </message>
    <message>
        <source>&amp;New agent…</source>
        <translation>&amp;Neuer Agent…</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <source>Create an agent in the editor</source>
        <translation>Einen Agenten im Editor erstellen</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <source>Create agents from a JSON config file</source>
        <translation>Agenten aus einer JSON-Konfigurationsdatei erstellen</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>E&amp;xportieren…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <source>Write the selected agents&apos; configs to a JSON file</source>
        <translation>Die Konfigurationen der ausgewählten Agenten in eine JSON-Datei schreiben</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Find agents</source>
        <translation>Agenten &amp;suchen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>Start the selected agents&apos; schedules</source>
        <translation>Die Zeitpläne der ausgewählten Agenten starten</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pausieren</translation>
    </message>
    <message>
        <source>Hold the selected agents&apos; schedules</source>
        <translation>Die Zeitpläne der ausgewählten Agenten anhalten</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>Continue the selected paused agents</source>
        <translation>Die ausgewählten pausierten Agenten fortsetzen</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>St&amp;oppen</translation>
    </message>
    <message>
        <source>Take the selected agents off their schedules and cancel their runs</source>
        <translation>Die ausgewählten Agenten von ihren Zeitplänen nehmen und ihre Läufe abbrechen</translation>
    </message>
    <message>
        <source>Run &amp;now</source>
        <translation>&amp;Jetzt ausführen</translation>
    </message>
    <message>
        <source>Run the selected agents once now, without moving their schedules</source>
        <translation>Die ausgewählten Agenten jetzt einmal ausführen, ohne ihre Zeitpläne zu verschieben</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>Delete the selected agents with their runs and events</source>
        <translation>Die ausgewählten Agenten samt ihren Läufen und Ereignissen löschen</translation>
    </message>
    <message>
        <source>New from &amp;template</source>
        <translation>Neu aus &amp;Vorlage</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Vorlage</translation>
    </message>
    <message>
        <source>Create an agent from a bundled example</source>
        <translation>Einen Agenten aus einem mitgelieferten Beispiel erstellen</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>New from template</source>
        <translation>Neu aus Vorlage</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Agent</source>
        <translation>A&amp;gent</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation>Statusfilter</translation>
    </message>
    <message>
        <source>Search agents: words, status:paused, provider:openai, model:gpt</source>
        <translation>Agenten suchen: Wörter, status:paused, provider:openai, model:gpt</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Geplant</translation>
    </message>
    <message>
        <source>in 59 min 59 s</source>
        <translation>in 59 min 59 s</translation>
    </message>
    <message>
        <source>23:59:59 · completed</source>
        <translation>23:59:59 · abgeschlossen</translation>
    </message>
    <message>
        <source>59 min 59 s</source>
        <translation>59 min 59 s</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>Engine not running</source>
        <translation>Engine läuft nicht</translation>
    </message>
    <message>
        <source>Engine running</source>
        <translation>Engine läuft</translation>
    </message>
    <message>
        <source>Engine not scheduling</source>
        <translation>Engine plant keine Läufe</translation>
    </message>
    <message>
        <source>Engine stopped</source>
        <translation>Engine gestoppt</translation>
    </message>
    <message>
        <source>Engine stopped: %1 runs the store now</source>
        <translation>Engine gestoppt: %1 betreibt jetzt den Speicher</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>The engine is not running.</source>
        <translation>Die Engine läuft nicht.</translation>
    </message>
    <message numerus="yes">
        <source> (and %n more)</source>
        <translation>
            <numerusform> (und %n weiterer)</numerusform>
            <numerusform> (und %n weitere)</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete the agent &quot;%1&quot; with all its runs and events?</source>
        <translation>Den Agenten „%1“ mit allen seinen Läufen und Ereignissen löschen?</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n agents with all their runs and events?</source>
        <translation>
            <numerusform>%n Agenten mit allen seinen Läufen und Ereignissen löschen?</numerusform>
            <numerusform>%n Agenten mit allen ihren Läufen und Ereignissen löschen?</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete agents</source>
        <translation>Agenten löschen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message numerus="yes">
        <source> and %n more</source>
        <translation>
            <numerusform> und %n weiterer</numerusform>
            <numerusform> und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 was not imported: %2</source>
        <translation>%1 wurde nicht importiert: %2</translation>
    </message>
    <message numerus="yes">
        <source> (and %n more problem(s))</source>
        <translation>
            <numerusform> (und %n weiteres Problem)</numerusform>
            <numerusform> (und %n weitere Probleme)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 holds no agents.</source>
        <translation>%1 enthält keine Agenten.</translation>
    </message>
    <message>
        <source>Importing %1 stopped: %2</source>
        <translation>Import von %1 abgebrochen: %2</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n agent(s) from %1</source>
        <translation>
            <numerusform>%n Agent aus %1 importiert</numerusform>
            <numerusform>%n Agenten aus %1 importiert</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Nothing was exported: %1</source>
        <translation>Nichts wurde exportiert: %1</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n agent(s) to %1</source>
        <translation>
            <numerusform>%n Agent nach %1 exportiert</numerusform>
            <numerusform>%n Agenten nach %1 exportiert</numerusform>
        </translation>
    </message>
    <message>
        <source>Import agents</source>
        <translation>Agenten importieren</translation>
    </message>
    <message>
        <source>Agent configs (*.json);;All files (*)</source>
        <translation>Agentenkonfigurationen (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Export agents</source>
        <translation>Agenten exportieren</translation>
    </message>
    <message>
        <source>Pause f&amp;or</source>
        <translation>Pa&amp;usieren für</translation>
    </message>
    <message>
        <source>Hold the selected agents&apos; schedules for a while</source>
        <translation>Die Zeitpläne der ausgewählten Agenten eine Weile anhalten</translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n Stunde</numerusform>
            <numerusform>%n Stunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>paused by the user for %n hour(s)</source>
        <translation>
            <numerusform>vom Benutzer für %n Stunde pausiert</numerusform>
            <numerusform>vom Benutzer für %n Stunden pausiert</numerusform>
        </translation>
    </message>
    <message>
        <source>Starting the engine…</source>
        <translation>Engine startet…</translation>
    </message>
</context>
<context>
    <name>nightshift::NotificationPolicy</name>
    <message>
        <source>%1: run timed out</source>
        <translation>%1: Lauf hat das Zeitlimit überschritten</translation>
    </message>
    <message>
        <source>%1: run interrupted</source>
        <translation>%1: Lauf unterbrochen</translation>
    </message>
    <message>
        <source>%1: run failed</source>
        <translation>%1: Lauf fehlgeschlagen</translation>
    </message>
    <message>
        <source>%1 recovered</source>
        <translation>%1 läuft wieder</translation>
    </message>
    <message numerus="yes">
        <source>A run completed after %n failed run(s).</source>
        <translation>
            <numerusform>Ein Lauf ist nach %n Fehlschlag gelungen.</numerusform>
            <numerusform>Ein Lauf ist nach %n Fehlschlägen gelungen.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%1 paused after %n failure(s) in a row</source>
        <translation>
            <numerusform>%1 nach %n Fehlschlag in Folge pausiert</numerusform>
            <numerusform>%1 nach %n Fehlschlägen in Folge pausiert</numerusform>
        </translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation>Letzter Fehler: %1</translation>
    </message>
</context>
<context>
    <name>nightshift::PriceTableModel</name>
    <message>
        <source>Row %1 needs a provider and a model (* for every model).</source>
        <translation>Zeile %1 braucht einen Anbieter und ein Modell (* für jedes Modell).</translation>
    </message>
    <message>
        <source>Rows %1 and %2 both price %3 %4; keep one.</source>
        <translation>Die Zeilen %1 und %2 geben beide einen Preis für %3 %4 an; behalten Sie eine.</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Input $/M</source>
        <translation>Eingabe $/M</translation>
    </message>
    <message>
        <source>Output $/M</source>
        <translation>Ausgabe $/M</translation>
    </message>
</context>
<context>
    <name>nightshift::RunEventsModel</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>nightshift::RunHistoryModel</name>
    <message>
        <source>scheduled</source>
        <translation>geplant</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>manuell</translation>
    </message>
    <message>
        <source>retry</source>
        <translation>Wiederholung</translation>
    </message>
    <message>
        <source>catch-up</source>
        <translation>Nachholung</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>wartend</translation>
    </message>
    <message>
        <source>running</source>
        <translation>laufend</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>timed out</source>
        <translation>Zeitlimit überschritten</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>unterbrochen</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>übersprungen</translation>
    </message>
    <message>
        <source>missed</source>
        <translation>verpasst</translation>
    </message>
    <message>
        <source>the previous run was still running</source>
        <translation>der vorige Lauf lief noch</translation>
    </message>
    <message>
        <source>the store could not take writes</source>
        <translation>der Speicher nahm keine Schreibzugriffe an</translation>
    </message>
    <message>
        <source>Nightshift was not running</source>
        <translation>Nightshift lief nicht</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>Due at %1</source>
        <translation>Fällig um %1</translation>
    </message>
    <message>
        <source>Started at %1 for the occurrence due at %2</source>
        <translation>Gestartet um %1 für den um %2 fälligen Termin</translation>
    </message>
    <message numerus="yes">
        <source>after %n attempt(s)</source>
        <translation>
            <numerusform>nach %n Versuch</numerusform>
            <numerusform>nach %n Versuchen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 in, %2 out, %n request(s)</source>
        <translation>
            <numerusform>%1 ein, %2 aus, %n Anfrage</numerusform>
            <numerusform>%1 ein, %2 aus, %n Anfragen</numerusform>
        </translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>Anlass</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ausgang</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <source>Error or reason</source>
        <translation>Fehler oder Grund</translation>
    </message>
    <message>
        <source>Started %1 after it was due at %2</source>
        <translation>%1 nach der Fälligkeit um %2 gestartet</translation>
    </message>
    <message>
        <source>Late by</source>
        <translation>Verspätung</translation>
    </message>
</context>
<context>
    <name>nightshift::SettingsDialog</name>
    <message>
        <source>Password:</source>
        <translation>Passwort:</translation>
    </message>
    <message>
        <source>for a redis:// store that asks for one</source>
        <translation>für einen redis://-Speicher, der eines verlangt</translation>
    </message>
    <message>
        <source>The store was saved.</source>
        <translation>Der Speicher wurde gespeichert.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>Providers</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>Limits</source>
        <translation>Grenzen</translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation>Benachrichtigungen</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <source>SQLite file…</source>
        <translation>SQLite-Datei…</translation>
    </message>
    <message>
        <source>SQLite store</source>
        <translation>SQLite-Speicher</translation>
    </message>
    <message>
        <source>SQLite databases (*.db)</source>
        <translation>SQLite-Datenbanken (*.db)</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <source>Store URL:</source>
        <translation>Speicher-URL:</translation>
    </message>
    <message>
        <source>sqlite:PATH keeps everything in one file on this computer. redis://[USER@]HOST:PORT/DB shares agents between computers; its password goes in the Password field and is kept in the system keychain, never in the settings file. memory: keeps nothing after Nightshift quits. Empty means the default file shown. A new store is used from the next start, or with --store.</source>
        <translation>sqlite:PFAD hält alles in einer Datei auf diesem Computer. redis://[BENUTZER@]HOST:PORT/DB teilt Agenten zwischen Computern; sein Passwort gehört in das Feld „Passwort“ und wird im Schlüsselbund des Systems aufbewahrt, nie in der Einstellungsdatei. memory: behält nichts, wenn Nightshift beendet wird. Leer bedeutet die angezeigte Standarddatei. Ein neuer Speicher gilt ab dem nächsten Start oder mit --store.</translation>
    </message>
    <message>
        <source>e.g. gpt-4o-mini</source>
        <translation>z. B. gpt-4o-mini</translation>
    </message>
    <message>
        <source>Save key</source>
        <translation>Schlüssel speichern</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Testen</translation>
    </message>
    <message>
        <source>Provider:</source>
        <translation>Anbieter:</translation>
    </message>
    <message>
        <source>Base URL:</source>
        <translation>Basis-URL:</translation>
    </message>
    <message>
        <source>Used by this provider&apos;s agents whose config names no base_url. Empty means the provider&apos;s own URL, shown greyed.</source>
        <translation>Gilt für die Agenten dieses Anbieters, deren Konfiguration keine base_url nennt. Leer bedeutet die eigene URL des Anbieters, grau angezeigt.</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>API-Schlüssel:</translation>
    </message>
    <message>
        <source>Model to test with:</source>
        <translation>Modell für den Test:</translation>
    </message>
    <message>
        <source>Test sends one short request to the provider with the key typed above, or the stored one, and says whether it answered.</source>
        <translation>Testen schickt eine kurze Anfrage an den Anbieter, mit dem oben eingegebenen oder dem gespeicherten Schlüssel, und zeigt, ob er geantwortet hat.</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Keine Grenze</translation>
    </message>
    <message>
        <source>What a new agent starts with; each agent&apos;s config can change them.</source>
        <translation>Damit beginnt ein neuer Agent; die Konfiguration jedes Agenten kann sie ändern.</translation>
    </message>
    <message>
        <source>Steps per run:</source>
        <translation>Schritte pro Lauf:</translation>
    </message>
    <message>
        <source>Requests per run:</source>
        <translation>Anfragen pro Lauf:</translation>
    </message>
    <message>
        <source>Tokens per run:</source>
        <translation>Tokens pro Lauf:</translation>
    </message>
    <message>
        <source>Tool call timeout:</source>
        <translation>Zeitlimit je Werkzeugaufruf:</translation>
    </message>
    <message>
        <source>Run timeout:</source>
        <translation>Zeitlimit je Lauf:</translation>
    </message>
    <message>
        <source>Retries after a failure:</source>
        <translation>Wiederholungen nach einem Fehler:</translation>
    </message>
    <message>
        <source>When a run fails</source>
        <translation>Wenn ein Lauf fehlschlägt</translation>
    </message>
    <message>
        <source>When an agent recovers after failed runs</source>
        <translation>Wenn ein Agent nach Fehlschlägen wieder läuft</translation>
    </message>
    <message>
        <source>When an agent sends one (the notify tool)</source>
        <translation>Wenn ein Agent eine sendet (das Werkzeug notify)</translation>
    </message>
    <message>
        <source>Quiet hours, from</source>
        <translation>Ruhezeit von</translation>
    </message>
    <message>
        <source>until</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>Show a desktop notification:</source>
        <translation>Eine Desktop-Benachrichtigung zeigen:</translation>
    </message>
    <message>
        <source>The same notification is shown at most once a minute. During quiet hours none is shown; the event log keeps everything.</source>
        <translation>Dieselbe Benachrichtigung erscheint höchstens einmal pro Minute. In der Ruhezeit erscheint keine; das Ereignisprotokoll behält alles.</translation>
    </message>
    <message>
        <source>Closing the window keeps agents running in the tray</source>
        <translation>Beim Schließen des Fensters laufen die Agenten im Infobereich weiter</translation>
    </message>
    <message>
        <source>Start Nightshift when I log in</source>
        <translation>Nightshift bei der Anmeldung starten</translation>
    </message>
    <message>
        <source>System (%1)</source>
        <translation>System (%1)</translation>
    </message>
    <message>
        <source>This desktop has no system tray: closing the window quits.</source>
        <translation>Diese Arbeitsumgebung hat keinen Infobereich: Schließen des Fensters beendet Nightshift.</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Sprache:</translation>
    </message>
    <message>
        <source>A new language takes effect when Nightshift restarts.</source>
        <translation>Eine neue Sprache gilt nach dem Neustart von Nightshift.</translation>
    </message>
    <message>
        <source>Start at login could not be changed: %1</source>
        <translation>Der Start bei der Anmeldung ließ sich nicht ändern: %1</translation>
    </message>
    <message numerus="yes">
        <source>Connected; the store holds %n agent(s).</source>
        <translation>
            <numerusform>Verbunden; der Speicher enthält %n Agenten.</numerusform>
            <numerusform>Verbunden; der Speicher enthält %n Agenten.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot connect: %1</source>
        <translation>Keine Verbindung: %1</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbinde…</translation>
    </message>
    <message>
        <source>required, e.g. https://RESOURCE.openai.azure.com</source>
        <translation>erforderlich, z. B. https://RESSOURCE.openai.azure.com</translation>
    </message>
    <message>
        <source>This provider takes no key.</source>
        <translation>Dieser Anbieter braucht keinen Schlüssel.</translation>
    </message>
    <message>
        <source>Looking for %1…</source>
        <translation>Suche %1…</translation>
    </message>
    <message>
        <source>%1 is set.</source>
        <translation>%1 ist gesetzt.</translation>
    </message>
    <message>
        <source>%1 is not set: enter the key and save it to the keychain.</source>
        <translation>%1 ist nicht gesetzt: Schlüssel eingeben und im Schlüsselbund speichern.</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 lässt sich nicht lesen: %2</translation>
    </message>
    <message>
        <source>%1 was saved in the keychain.</source>
        <translation>%1 wurde im Schlüsselbund gespeichert.</translation>
    </message>
    <message>
        <source>%1 was not saved: %2</source>
        <translation>%1 wurde nicht gespeichert: %2</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Teste…</translation>
    </message>
    <message>
        <source>%1 answered in %2 ms.</source>
        <translation>%1 hat in %2 ms geantwortet.</translation>
    </message>
    <message>
        <source>Test failed: %1</source>
        <translation>Test fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Prices</source>
        <translation>Preise</translation>
    </message>
    <message>
        <source>Requests per minute:</source>
        <translation>Anfragen pro Minute:</translation>
    </message>
    <message>
        <source>Parallel requests:</source>
        <translation>Parallele Anfragen:</translation>
    </message>
    <message>
        <source>Requests beyond these wait their turn instead of failing; a retry counts as a request. They apply to this provider&apos;s agents as soon as the settings are saved.</source>
        <translation>Weitere Anfragen warten, bis sie an der Reihe sind, statt fehlzuschlagen; eine Wiederholung zählt als Anfrage. Diese Grenzen gelten für die Agenten dieses Anbieters, sobald die Einstellungen gespeichert sind.</translation>
    </message>
    <message>
        <source>Each new agent</source>
        <translation>Jeder neue Agent</translation>
    </message>
    <message>
        <source>No cap</source>
        <translation>Keine Obergrenze</translation>
    </message>
    <message>
        <source>Skip the run</source>
        <translation>Lauf überspringen</translation>
    </message>
    <message>
        <source>Pause the agent</source>
        <translation>Agenten pausieren</translation>
    </message>
    <message>
        <source>Whole fleet</source>
        <translation>Alle Agenten zusammen</translation>
    </message>
    <message>
        <source>Runs at once:</source>
        <translation>Gleichzeitige Läufe:</translation>
    </message>
    <message>
        <source>Tokens a day:</source>
        <translation>Tokens pro Tag:</translation>
    </message>
    <message>
        <source>Tokens a month:</source>
        <translation>Tokens pro Monat:</translation>
    </message>
    <message>
        <source>Cost a day:</source>
        <translation>Kosten pro Tag:</translation>
    </message>
    <message>
        <source>Cost a month:</source>
        <translation>Kosten pro Monat:</translation>
    </message>
    <message>
        <source>When a cap would be passed:</source>
        <translation>Wenn eine Obergrenze überschritten würde:</translation>
    </message>
    <message>
        <source>Runs over the limit wait their turn; the caps count all agents together.</source>
        <translation>Läufe über der Grenze warten, bis sie an der Reihe sind; die Obergrenzen zählen alle Agenten zusammen.</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Reset to shipped prices</source>
        <translation>Auf mitgelieferte Preise zurücksetzen</translation>
    </message>
    <message>
        <source>US dollars per million tokens. A model takes the row with the longest match for the start of its name (gpt-4o-mini-2024-07-18: gpt-4o-mini); * matches every model of a provider; a model without a price costs $0. Shipped prices from %1; your changes are kept in %2.</source>
        <translation>US-Dollar pro Million Tokens. Ein Modell erhält die Zeile, die am längsten mit dem Anfang seines Namens übereinstimmt (gpt-4o-mini-2024-07-18: gpt-4o-mini); * passt auf jedes Modell eines Anbieters; ein Modell ohne Preis kostet $0. Mitgelieferte Preise mit Stand %1; Ihre Änderungen werden in %2 aufbewahrt.</translation>
    </message>
    <message>
        <source>Prices were not saved: %1</source>
        <translation>Die Preise wurden nicht gespeichert: %1</translation>
    </message>
</context>
<context>
    <name>nightshift::StorePassword</name>
    <message>
        <source>The store&apos;s password was not saved in the keychain, so the store was not changed: %1</source>
        <translation>Das Passwort des Speichers wurde nicht im Schlüsselbund gespeichert, daher wurde der Speicher nicht geändert: %1</translation>
    </message>
    <message>
        <source>The password of the store %1 is not in the keychain: enter it in Settings → Store, or give the whole URL with --store.</source>
        <translation>Das Passwort des Speichers %1 ist nicht im Schlüsselbund: Geben Sie es unter Einstellungen → Speicher ein, oder geben Sie die ganze URL mit --store an.</translation>
    </message>
    <message>
        <source>The password of the store %1 cannot be read from the keychain: %2</source>
        <translation>Das Passwort des Speichers %1 kann nicht aus dem Schlüsselbund gelesen werden: %2</translation>
    </message>
</context>
<context>
    <name>nightshift::SummaryCards</name>
    <message>
        <source>Running</source>
        <translation>Laufend</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Geplant</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Errored</source>
        <translation>Fehlerhaft</translation>
    </message>
    <message>
        <source>Runs today</source>
        <translation>Läufe heute</translation>
    </message>
    <message>
        <source>Tokens today</source>
        <translation>Tokens heute</translation>
    </message>
    <message>
        <source>Show only these agents: %1</source>
        <translation>Nur diese Agenten anzeigen: %1</translation>
    </message>
</context>
<context>
    <name>nightshift::TrayIcon</name>
    <message>
        <source>Show window</source>
        <translation>Fenster zeigen</translation>
    </message>
    <message>
        <source>Pause all</source>
        <translation>Alle pausieren</translation>
    </message>
    <message>
        <source>Resume all</source>
        <translation>Alle fortsetzen</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Einstellungen…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Nightshift is still running</source>
        <translation>Nightshift läuft weiter</translation>
    </message>
    <message>
        <source>Your agents keep running. Quit from this icon&apos;s menu, or turn this off in Settings → General.</source>
        <translation>Ihre Agenten laufen weiter. Beenden Sie Nightshift über das Menü dieses Symbols, oder schalten Sie dies unter Einstellungen → Allgemein ab.</translation>
    </message>
    <message>
        <source>paused from the tray</source>
        <translation>aus dem Infobereich pausiert</translation>
    </message>
    <message>
        <source>Running: %1</source>
        <translation>Laufend: %1</translation>
    </message>
    <message>
        <source>Scheduled: %1</source>
        <translation>Geplant: %1</translation>
    </message>
    <message>
        <source>Paused: %1</source>
        <translation>Pausiert: %1</translation>
    </message>
    <message>
        <source>Errored: %1</source>
        <translation>Fehlerhaft: %1</translation>
    </message>
    <message>
        <source>Nightshift: %1 running, %2 scheduled, %3 paused, %4 errored</source>
        <translation>Nightshift: %1 laufend, %2 geplant, %3 pausiert, %4 fehlerhaft</translation>
    </message>
</context>
</TS>
