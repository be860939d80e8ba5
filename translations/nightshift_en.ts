<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AgentDraft</name>
    <message>
        <source>invalid JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not available here; available: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown tool &quot;%1&quot;; available: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an existing agent keeps its id &quot;%1&quot;; create a new agent to use another</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CronExpression</name>
    <message>
        <source>minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>day of month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>day of week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>January</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>February</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>March</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>April</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>May</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>June</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>July</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>August</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>September</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>October</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>November</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>December</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Friday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a number or a month name (jan–dec)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a number or a day name (sun–sat)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty item in the list &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; has more than one step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; needs a number after &quot;/&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; has a step of 0; the step must be at least 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; has a step larger than the field&apos;s range (%2–%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is out of range (%2–%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a reversed range; write the smaller value first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1–%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>@reboot is not supported; use a &quot;once&quot; or &quot;manual&quot; schedule instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a known macro; use @yearly, @annually, @monthly, @weekly, @daily, @midnight or @hourly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the expression is empty; write five fields (minute, hour, day of month, month, day of week) or a macro such as @daily</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missing; a cron expression has five fields: minute, hour, day of month, month, day of week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 fields where five are expected (minute, hour, day of month, month, day of week); seconds and years are not supported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no day %1 in %2; the expression would never run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on day %1 of the month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on days %1 of the month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on day %1 of the month if it falls on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on days %1 of the month that fall on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 or on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>a time phrase, then a day or month phrase</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every day at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at %1 on %2 %3</source>
        <comment>time, day of month, month name</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>every %n minutes</source>
        <translation>
            <numerusform>every %n minute</numerusform>
            <numerusform>every %n minutes</numerusform>
        </translation>
    </message>
    <message>
        <source>every hour at minute %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at minute %1 past every hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>every %n hours at minute %1</source>
        <translation>
            <numerusform>every %n hour at minute %1</numerusform>
            <numerusform>every %n hours at minute %1</numerusform>
        </translation>
    </message>
    <message>
        <source>hour %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hours %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every minute during %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>every %n minutes during %1</source>
        <translation>
            <numerusform>every %n minute during %1</numerusform>
            <numerusform>every %n minutes during %1</numerusform>
        </translation>
    </message>
    <message>
        <source>at minute %1 past %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DueTimes</name>
    <message>
        <source>%1 %2 — %3 local</source>
        <extracomment>A due time in an agent&apos;s time zone (%1 the time, %2 the zone) and in local time (%3).</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ScheduleDescription</name>
    <message>
        <source>every day</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>every %n days</source>
        <translation>
            <numerusform>every %n day</numerusform>
            <numerusform>every %n days</numerusform>
        </translation>
    </message>
    <message>
        <source>every hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>every %n hours</source>
        <translation>
            <numerusform>every %n hour</numerusform>
            <numerusform>every %n hours</numerusform>
        </translation>
    </message>
    <message>
        <source>every minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>every %n minutes</source>
        <translation>
            <numerusform>every %n minute</numerusform>
            <numerusform>every %n minutes</numerusform>
        </translation>
    </message>
    <message>
        <source>every second</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>every %n seconds</source>
        <translation>
            <numerusform>every %n second</numerusform>
            <numerusform>every %n seconds</numerusform>
        </translation>
    </message>
    <message>
        <source>every %1 seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>times, time zone</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>once at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>manual only</source>
        <translation type="unfinished"></translation>
    </message>
</context>
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
    <message numerus="yes">
        <source>nightshift: at most %n run(s) at once
</source>
        <translation>
            <numerusform>nightshift: at most %n run at once
</numerusform>
            <numerusform>nightshift: at most %n runs at once
</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>nightshift::AgentActionsDelegate</name>
    <message>
        <source>Start the agent&apos;s schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold the schedule; a running run finishes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue the schedule on its original phase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take the agent off its schedule and cancel its run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>nightshift::AgentDetailsPanel</name>
    <message>
        <source>idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next run:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last run:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last error:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No agent selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select an agent to see its runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run history could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This agent has not run yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (set to %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, because %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, store offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 finished, %2 with errors, %3 failed in a row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last %1, average %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no runs yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 today, %2 in all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run completed without a result.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This occurrence did not run: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run is in progress.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Outcome: %1, after %n attempt(s).</source>
        <translation>
            <numerusform>Outcome: %1, after %n attempt.</numerusform>
            <numerusform>Outcome: %1, after %n attempts.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Memory (%n message(s))</source>
        <translation>
            <numerusform>Memory (%n message)</numerusform>
            <numerusform>Memory (%n messages)</numerusform>
        </translation>
    </message>
    <message>
        <source>This agent keeps no memory across runs; select a run to see its conversation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session &quot;%1&quot; holds no conversation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Session &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Assistant:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>→ calls %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tool %1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not run as scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only the occurrences that were skipped or missed, ran as a catch-up, started more than a minute late, or failed, timed out or were interrupted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every occurrence shown ran as scheduled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>nightshift::AgentEditorDialog</name>
    <message>
        <source>Edit agent %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Config key: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (not valid)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not set)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revision %1. Saving makes revision %2: a run in progress finishes on revision %1, the agent&apos;s next run uses the new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent &amp;id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. system_monitor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An existing agent keeps its id; create a new agent to use another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System &amp;instruction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who the agent is and how it works, e.g. &quot;Monitor system resources and alert if usage is high.&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. gpt-4o-mini</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Base URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API &amp;key name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name of a keychain entry or environment variable that holds the key, never the key itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>provider&apos;s default (0 to 2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max &amp;tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>provider&apos;s default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top &amp;p</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>provider&apos;s default (over 0, up to 1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every interval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manual only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 300 for every 5 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every (&amp;seconds)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a fixed time:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counted from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unchecked, the interval counts from when the agent starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;At</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs only when started by hand (Run now).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Query</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What each run asks, e.g. &quot;Check local CPU and Memory usage.&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max &amp;retries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry &amp;delay (seconds)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry &amp;backoff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fixed delay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exponential</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest retry d&amp;elay (seconds)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Timeout per attempt (seconds)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Session id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty: each run starts a fresh conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max &amp;steps per run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Request limit per run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default: 0, no limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;oken limit per run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tool call &amp;timeout (seconds)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last messages (sliding window)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last tokens (token budget)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory &amp;size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default: %1, in messages or tokens as chosen above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One absolute folder a line: where file_read and file_write may work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Allowed folders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tool a&amp;rguments (JSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same config as JSON, in the seed&apos;s format. Keys the form has no field for are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not used by provider %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>required, e.g. https://RESOURCE.openai.azure.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not available here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The config is valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) to fix before saving (double-click one to go to its field):</source>
        <translation>
            <numerusform>%n problem to fix before saving (double-click one to go to its field):</numerusform>
            <numerusform>%n problems to fix before saving (double-click one to go to its field):</numerusform>
        </translation>
    </message>
    <message>
        <source>The due times show once the schedule is valid.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None: the agent runs only when started by hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None: that time has passed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On a cron schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>minute hour day-of-month month day-of-week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Expression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. &quot;0 9 * * mon-fri&quot; weekdays at 09:00, &quot;*/15 * * * *&quot; every 15 minutes, &quot;30 2 1 * *&quot; at 02:30 on the 1st of each month, or @hourly, @daily, @weekly, @monthly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time &amp;zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not before:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unchecked, the schedule starts at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not after:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unchecked, the schedule never ends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Max runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no limit; e.g. 3 stops after three runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Jitter (seconds)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0: each run starts on time; e.g. 60 spreads starts over a minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>M&amp;issed runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run once to catch up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run every one missed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Grace (seconds)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default: %1; a run at most this late is not missed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Catch-up limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default: %1 runs at most after one gap (1 to 1000)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Overlapping runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip the new run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel the running one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max &amp;parallel runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default: %1 (1 to 100)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;ause after failures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default: %1 in a row; 0: never pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the agent may spend; empty or 0 means no cap. A run that would pass a cap is skipped or pauses the agent. The cap for a single run is the token limit on the Limits tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tokens per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no cap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;okens per month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cost per day ($)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no cap; e.g. 0.50</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost per &amp;month ($)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no cap; e.g. 10</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;When exceeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip the run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause the agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A run missed by more than the grace (the computer was off or asleep) is left out; the agent waits for its next due time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>However many runs were missed, one runs at once to catch up, then the schedule goes on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every missed run is made up, one after another, up to the catch-up limit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A run that falls due while the previous one is still going is left out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A run that falls due while one is going starts when it ends; at most one waits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run still going is cancelled and the new one starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs may overlap, up to the max parallel runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each run starts up to %1 s later (jitter).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next due times, in %1 and in local time:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next due times (local time):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None: the schedule has no due time left.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>nightshift::AgentFilterProxy</name>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ran today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used tokens today</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>nightshift::AgentTableModel</name>
    <message>
        <source>Agent</source>
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
        <source>Paused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store is offline; changes wait for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) today</source>
        <translation>
            <numerusform>%n run today</numerusform>
            <numerusform>%n runs today</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The last %n run(s): %1 to %2, the latest %3</source>
        <translation>
            <numerusform>The last %n run: %1 to %2, the latest %3</numerusform>
            <numerusform>The last %n runs: %1 to %2, the latest %3</numerusform>
        </translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>timed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failures in a row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Avg. duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent durations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Idle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>due now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in %1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in %1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in %1 d %2 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>nightshift::BudgetForecastView</name>
    <message>
        <source>the last run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>average of the last %1 runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>average of recent runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the run&apos;s token limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>estimate: max_tokens × max_steps ÷ 2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a guess: no history or limits to go by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 run in the next %1 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 runs in the next %2 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>≈ 1 run a day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>≈ %1 runs a day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs only when started by hand, so nothing is forecast.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No run falls due in the next %1 days, so nothing is forecast.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 tokens (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 × %2 × %3/M ≈ %4 a day, %5 a month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 × %2 × %3/M ≈ %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 × %2 ≈ %3 tokens a day, %4 a month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 × %2 ≈ %3 tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 has no price, so no cost is forecast: add one in Settings → Prices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, every model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priced as %1: %2/M input, %3/M output; %4% of the tokens are counted as input.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The daily cap of %1 cannot be checked without a price.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The daily cap of %1 would be passed: about %2 a day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The daily cap of %1 leaves room: about %2 a day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 spent today: the cap is reached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 spent today; ≈ %2 by the day&apos;s end: the cap is reached today.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 spent today; ≈ %2 by the day&apos;s end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The monthly cap of %1 cannot be checked without a price.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>≈ %1 by the month&apos;s end: the monthly cap of %2 would be reached on %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>≈ %1 by the month&apos;s end: the monthly cap of %2 would not be reached this month.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 spent this month: the monthly cap of %2 is reached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 spent this month; ≈ %2 by the month&apos;s end: the monthly cap of %3 would be reached on %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 spent this month; ≈ %2 by the month&apos;s end: the monthly cap of %3 would not be reached this month.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>nightshift::ChartsPanel</name>
    <message>
        <source>Runs and errors</source>
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
        <source>runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens per run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All agents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean per run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 to %2
%3 runs, %4 with errors, %5 skipped or missed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The runs could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs and errors per minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs and errors per hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs and errors per 6 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs and errors per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 runs, %2 with errors, %3 skipped or missed, %4 tokens</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>nightshift::EventLogDock</name>
    <message>
        <source>Selected agents only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only matching rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only the events of the agents selected in the table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Types: all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Info</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UTC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show times in UTC instead of local time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the newest event in view; scrolling up pauses, scrolling to the end resumes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the events shown as JSON lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search agent, type, run or payload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous match (Shift+F3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next match (F3, Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy as JSON Lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show All Types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Types: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported %n event(s)</source>
        <translation>
            <numerusform>Exported %n event</numerusform>
            <numerusform>Exported %n events</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 events</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>nightshift::EventLogFilter</name>
    <message>
        <source>The events could not be written: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>nightshift::EventLogModel</name>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 run, attempt %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>completed in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, will retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 → %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>skipped %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>attempt %1 in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, step %2, %3 messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step %1: %2, %3 in / %4 out tokens, %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>try %1 failed (HTTP %2), retry in %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 done in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed after %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Info</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time (local)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waits for %1&apos;s per-minute limit, place %2 in line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waits for a free %1 slot, place %2 in line</source>
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
    <message>
        <source>No store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLite: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redis: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In memory (nothing is kept)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not start %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not pause %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not resume %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not stop %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not run %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not delete %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Started %n agent(s)</source>
        <translation>
            <numerusform>Started %n agent</numerusform>
            <numerusform>Started %n agents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Paused %n agent(s)</source>
        <translation>
            <numerusform>Paused %n agent</numerusform>
            <numerusform>Paused %n agents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Resumed %n agent(s)</source>
        <translation>
            <numerusform>Resumed %n agent</numerusform>
            <numerusform>Resumed %n agents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped %n agent(s)</source>
        <translation>
            <numerusform>Stopped %n agent</numerusform>
            <numerusform>Stopped %n agents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Started a run of %n agent(s)</source>
        <translation>
            <numerusform>Started a run of %n agent</numerusform>
            <numerusform>Started a run of %n agents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n agent(s)</source>
        <translation>
            <numerusform>Deleted %n agent</numerusform>
            <numerusform>Deleted %n agents</numerusform>
        </translation>
    </message>
    <message>
        <source>The engine is not running; agents cannot be changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent %1 no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1 as revision %2; it applies from its next run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New agent…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create an agent in the editor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create agents from a JSON config file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the selected agents&apos; configs to a JSON file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find agents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the selected agents&apos; schedules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold the selected agents&apos; schedules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue the selected paused agents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take the selected agents off their schedules and cancel their runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run &amp;now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the selected agents once now, without moving their schedules</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected agents with their runs and events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New from &amp;template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create an agent from a bundled example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New from template</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search agents: words, status:paused, provider:openai, model:gpt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in 59 min 59 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>23:59:59 · completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>59 min 59 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine not running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine not scheduling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Engine stopped: %1 runs the store now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The engine is not running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source> (and %n more)</source>
        <translation>
            <numerusform> (and %n more)</numerusform>
            <numerusform> (and %n more)</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete the agent &quot;%1&quot; with all its runs and events?</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Delete %n agents with all their runs and events?</source>
        <translation>
            <numerusform>Delete %n agent with all its runs and events?</numerusform>
            <numerusform>Delete %n agents with all their runs and events?</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete agents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source> and %n more</source>
        <translation>
            <numerusform> and %n more</numerusform>
            <numerusform> and %n more</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 was not imported: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source> (and %n more problem(s))</source>
        <translation>
            <numerusform> (and %n more problem)</numerusform>
            <numerusform> (and %n more problems)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 holds no agents.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing %1 stopped: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Imported %n agent(s) from %1</source>
        <translation>
            <numerusform>Imported %n agent from %1</numerusform>
            <numerusform>Imported %n agents from %1</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was exported: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported %n agent(s) to %1</source>
        <translation>
            <numerusform>Exported %n agent to %1</numerusform>
            <numerusform>Exported %n agents to %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Import agents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agent configs (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export agents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause f&amp;or</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold the selected agents&apos; schedules for a while</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n hour</numerusform>
            <numerusform>%n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>paused by the user for %n hour(s)</source>
        <translation>
            <numerusform>paused by the user for %n hour</numerusform>
            <numerusform>paused by the user for %n hours</numerusform>
        </translation>
    </message>
    <message>
        <source>Starting the engine…</source>
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
    <message numerus="yes">
        <source>%1 paused after %n failure(s) in a row</source>
        <translation>
            <numerusform>%1 paused after %n failure in a row</numerusform>
            <numerusform>%1 paused after %n failures in a row</numerusform>
        </translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>nightshift::PriceTableModel</name>
    <message>
        <source>Row %1 needs a provider and a model (* for every model).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows %1 and %2 both price %3 %4; keep one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Provider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input $/M</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output $/M</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>nightshift::RunEventsModel</name>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>nightshift::RunHistoryModel</name>
    <message>
        <source>scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>manual</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>catch-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>timed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the previous run was still running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the store could not take writes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nightshift was not running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started at %1 for the occurrence due at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>after %n attempt(s)</source>
        <translation>
            <numerusform>after %n attempt</numerusform>
            <numerusform>after %n attempts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 in, %2 out, %n request(s)</source>
        <translation>
            <numerusform>%1 in, %2 out, %n request</numerusform>
            <numerusform>%1 in, %2 out, %n requests</numerusform>
        </translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Origin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error or reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started %1 after it was due at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Late by</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>nightshift::SettingsDialog</name>
    <message>
        <source>Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for a redis:// store that asks for one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store was saved.</source>
        <translation type="unfinished"></translation>
    </message>
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
        <source>sqlite:PATH keeps everything in one file on this computer. redis://[USER@]HOST:PORT/DB shares agents between computers; its password goes in the Password field and is kept in the system keychain, never in the settings file. memory: keeps nothing after Nightshift quits. Empty means the default file shown. A new store is used from the next start, or with --store.</source>
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
    <message>
        <source>Prices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests per minute:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parallel requests:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests beyond these wait their turn instead of failing; a retry counts as a request. They apply to this provider&apos;s agents as soon as the settings are saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each new agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No cap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip the run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause the agent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whole fleet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs at once:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens a day:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens a month:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost a day:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost a month:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When a cap would be passed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs over the limit wait their turn; the caps count all agents together.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset to shipped prices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>US dollars per million tokens. A model takes the row with the longest match for the start of its name (gpt-4o-mini-2024-07-18: gpt-4o-mini); * matches every model of a provider; a model without a price costs $0. Shipped prices from %1; your changes are kept in %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prices were not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>nightshift::StorePassword</name>
    <message>
        <source>The store&apos;s password was not saved in the keychain, so the store was not changed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password of the store %1 is not in the keychain: enter it in Settings → Store, or give the whole URL with --store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password of the store %1 cannot be read from the keychain: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>nightshift::SummaryCards</name>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show only these agents: %1</source>
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
