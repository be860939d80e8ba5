<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>cli</name>
    <message numerus="yes">
        <source>nightshift: serving %n agent(s) on %1; Ctrl+C to stop
</source>
        <translation>
            <numerusform>nightshift: serving %n agent on %1; Ctrl+C to stop
</numerusform>
            <numerusform>nightshift: serving %n agents on %1; Ctrl+C to stop
</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n agent(s), all valid
</source>
        <translation>
            <numerusform>%1: %n agent, valid
</numerusform>
            <numerusform>%1: %n agents, all valid
</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n error(s); nothing was loaded
</source>
        <translation>
            <numerusform>%1: %n error; nothing was loaded
</numerusform>
            <numerusform>%1: %n errors; nothing was loaded
</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>nightshift::AgentTableModel</name>
    <message>
        <source>Agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last outcome</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>nightshift::MainWindow</name>
    <message>
        <source>Nightshift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The engine did not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>nightshift::NotificationPolicy</name>
    <message>
        <source>%1: run timed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: run interrupted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: run failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 recovered</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>A run completed after %n failed run(s).</source>
        <translation>
            <numerusform>A run completed after %n failed run.</numerusform>
            <numerusform>A run completed after %n failed runs.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>nightshift::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Providers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLite file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLite store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLite databases (*.db)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sqlite:PATH keeps everything in one file on this computer. redis://[USER:PASSWORD@]HOST:PORT/DB shares agents between computers; a password in the URL is saved with these settings in plain text. memory: keeps nothing after Nightshift quits. Empty means the default file shown. A new store is used from the next start, or with --store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. gpt-4o-mini</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Base URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used by this provider&apos;s agents whose config names no base_url. Empty means the provider&apos;s own URL, shown greyed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model to test with:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test sends one short request to the provider with the key typed above, or the stored one, and says whether it answered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What a new agent starts with; each agent&apos;s config can change them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps per run:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests per run:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens per run:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tool call timeout:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run timeout:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retries after a failure:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When a run fails</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When an agent recovers after failed runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When an agent sends one (the notify tool)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quiet hours, from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show a desktop notification:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same notification is shown at most once a minute. During quiet hours none is shown; the event log keeps everything.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closing the window keeps agents running in the tray</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start Nightshift when I log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This desktop has no system tray: closing the window quits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new language takes effect when Nightshift restarts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start at login could not be changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Connected; the store holds %n agent(s).</source>
        <translation>
            <numerusform>Connected; the store holds %n agent.</numerusform>
            <numerusform>Connected; the store holds %n agents.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot connect: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>required, e.g. https://RESOURCE.openai.azure.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This provider takes no key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not set: enter the key and save it to the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was saved in the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was not saved: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 answered in %2 ms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>nightshift::TrayIcon</name>
    <message>
        <source>Show window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nightshift is still running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your agents keep running. Quit from this icon&apos;s menu, or turn this off in Settings → General.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paused from the tray</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errored: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nightshift: %1 running, %2 scheduled, %3 paused, %4 errored</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
