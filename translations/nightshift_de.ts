<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
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
</context>
<context>
    <name>nightshift::AgentTableModel</name>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
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
        <source>Last outcome</source>
        <translation>Letztes Ergebnis</translation>
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
</context>
<context>
    <name>nightshift::SettingsDialog</name>
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
        <source>sqlite:PATH keeps everything in one file on this computer. redis://[USER:PASSWORD@]HOST:PORT/DB shares agents between computers; a password in the URL is saved with these settings in plain text. memory: keeps nothing after Nightshift quits. Empty means the default file shown. A new store is used from the next start, or with --store.</source>
        <translation>sqlite:PFAD hält alles in einer Datei auf diesem Computer. redis://[BENUTZER:PASSWORT@]HOST:PORT/DB teilt Agenten zwischen Computern; ein Passwort in der URL wird mit diesen Einstellungen im Klartext gespeichert. memory: behält nichts, wenn Nightshift beendet wird. Leer bedeutet die angezeigte Standarddatei. Ein neuer Speicher gilt ab dem nächsten Start oder mit --store.</translation>
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
