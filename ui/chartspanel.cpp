#include "chartspanel.h"

#include "agentchoicemodel.h"
#include "backgroundagentservice.h"
#include "enginehost.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QCursor>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace nightshift {

namespace {

// Live runs are gathered for a moment, so a burst of batches costs one redraw.
constexpr auto RedrawDelay = std::chrono::milliseconds(250);
// Often enough that a new period shows up soon after it begins.
constexpr auto SlideInterval = std::chrono::seconds(30);
// The agent chooser is this many characters wide.
constexpr int AgentChoiceChars = 24;

QChart *makeChart(const QString &title)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(0);
    chart->legend()->setAlignment(Qt::AlignBottom);
    QFont font = chart->titleFont();
    font.setBold(true);
    chart->setTitleFont(font);
    return chart;
}

QDateTimeAxis *addTimeAxis(QChart *chart)
{
    auto *axis = new QDateTimeAxis;
    chart->addAxis(axis, Qt::AlignBottom);
    return axis;
}

QValueAxis *addValueAxis(QChart *chart, const QString &title)
{
    auto *axis = new QValueAxis;
    axis->setTitleText(title);
    chart->addAxis(axis, Qt::AlignLeft);
    return axis;
}

QLineSeries *addLine(QChart *chart, const QString &name, QAbstractAxis *x, QAbstractAxis *y)
{
    auto *series = new QLineSeries;
    series->setName(name);
    // A period on its own has no neighbour to draw a line to; its point still shows.
    series->setPointsVisible(true);
    chart->addSeries(series);
    series->attachAxis(x);
    series->attachAxis(y);
    return series;
}

// A value axis from 0 to top or a little over, in at most five steps of 1, 2 or 5 times a
// power of ten, so the ticks fall on round numbers.
void fitAxis(QValueAxis *axis, double top, bool whole)
{
    top = std::max(top, whole ? 1.0 : 0.1);
    const double rough = top / 5;
    const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
    double step = 10 * magnitude;
    for (const double factor : {1.0, 2.0, 5.0}) {
        if (factor * magnitude >= rough) {
            step = factor * magnitude;
            break;
        }
    }
    if (whole)
        step = std::max(step, 1.0);
    const int steps = std::max(1, int(std::ceil(top / step - 1e-9)));
    axis->setRange(0, steps * step);
    axis->setTickCount(steps + 1);
    const int decimals = step >= 1 ? 0 : int(std::ceil(-std::log10(step) - 1e-9));
    axis->setLabelFormat(QStringLiteral("%.") + QString::number(decimals) + u'f');
}

QString timeFormat(StatsWindow window)
{
    switch (window) {
    case StatsWindow::Hour:
    case StatsWindow::Day:
        return QStringLiteral("HH:mm");
    case StatsWindow::Week:
        // A tick a day; the hour would not fit under the smaller charts.
        return QStringLiteral("ddd");
    case StatsWindow::Month:
        return QStringLiteral("MMM d");
    }
    return QStringLiteral("HH:mm");
}

int timeTicks(StatsWindow window)
{
    // Ticks every 10 minutes, 4 hours, 1 day and 5 days.
    return window == StatsWindow::Week ? 8 : 7;
}

qint64 utcOffsetMs(const QDateTime &time)
{
    return qint64(time.offsetFromUtc()) * 1000;
}

} // namespace

ChartsPanel::ChartsPanel(EngineHost *host, QWidget *parent)
    : QWidget(parent)
    , m_host(host)
    , m_agentBox(new QComboBox(this))
    , m_agentChoices(new AgentChoiceModel(tr("All agents"), this))
    , m_windowBox(new QComboBox(this))
    , m_totals(new QLabel(this))
    , m_message(new QLabel(this))
    , m_stats(StatsWindow::Day, QDateTime::currentMSecsSinceEpoch())
    , m_runsChart(makeChart(tr("Runs and errors")))
    , m_bars(new QBarSeries)
    , m_runsSet(new QBarSet(tr("Runs")))
    , m_errorsSet(new QBarSet(tr("Errors")))
    , m_periods(new QBarCategoryAxis)
    , m_runsTime(addTimeAxis(m_runsChart))
    , m_runsAxis(addValueAxis(m_runsChart, tr("runs")))
    , m_durationChart(makeChart(tr("Run duration")))
    , m_durationTime(addTimeAxis(m_durationChart))
    , m_durationAxis(addValueAxis(m_durationChart, tr("seconds")))
    , m_tokensChart(makeChart(tr("Tokens per run")))
    , m_tokensTime(addTimeAxis(m_tokensChart))
    , m_tokensAxis(addValueAxis(m_tokensChart, tr("tokens")))
{
    m_agentBox->setModel(m_agentChoices);
    // Sized to a typical id rather than the longest of thousands, which would measure every
    // entry's text whenever the fleet grows.
    m_agentBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_agentBox->setMinimumContentsLength(AgentChoiceChars);
    m_windowBox->addItem(tr("Last hour"), int(StatsWindow::Hour));
    m_windowBox->addItem(tr("Last 24 hours"), int(StatsWindow::Day));
    m_windowBox->addItem(tr("Last 7 days"), int(StatsWindow::Week));
    m_windowBox->addItem(tr("Last 30 days"), int(StatsWindow::Month));
    m_windowBox->setCurrentIndex(m_windowBox->findData(int(StatsWindow::Day)));
    m_totals->setTextFormat(Qt::PlainText);
    m_message->setTextFormat(Qt::PlainText);
    m_message->setWordWrap(true);
    m_message->hide();

    m_bars->append(m_runsSet);
    m_bars->append(m_errorsSet);
    m_bars->setBarWidth(0.9);
    m_runsChart->addSeries(m_bars);
    // Bars need a category axis; the time axis under them says when each period is.
    m_runsChart->addAxis(m_periods, Qt::AlignBottom);
    m_bars->attachAxis(m_periods);
    m_bars->attachAxis(m_runsAxis);
    m_periods->setVisible(false);
    auto *timeline = new QLineSeries;
    m_runsChart->addSeries(timeline);
    timeline->attachAxis(m_runsTime);
    timeline->attachAxis(m_runsAxis);
    const QList<QLegendMarker *> timelineMarkers = m_runsChart->legend()->markers(timeline);
    for (QLegendMarker *marker : timelineMarkers)
        marker->setVisible(false);

    m_meanDuration = addLine(m_durationChart, tr("Mean"), m_durationTime, m_durationAxis);
    m_maxDuration = addLine(m_durationChart, tr("Longest"), m_durationTime, m_durationAxis);
    m_tokensPerRun = addLine(m_tokensChart, tr("Mean per run"), m_tokensTime, m_tokensAxis);

    auto *controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Agent:"), this));
    controls->addWidget(m_agentBox);
    controls->addSpacing(12);
    controls->addWidget(new QLabel(tr("Window:"), this));
    controls->addWidget(m_windowBox);
    controls->addSpacing(12);
    controls->addWidget(m_totals, 1);

    auto *charts = new QGridLayout;
    int column = 0;
    for (QChart *chart : {m_runsChart, m_durationChart, m_tokensChart}) {
        auto *view = new QChartView(chart, this);
        view->setRenderHint(QPainter::Antialiasing);
        view->setMinimumSize(200, 120);
        // Names for tests and accessibility tools.
        view->setObjectName(chart == m_runsChart       ? QStringLiteral("runsChart")
                            : chart == m_durationChart ? QStringLiteral("durationChart")
                                                       : QStringLiteral("tokensChart"));
        // One row, so the panel fits a dock below the table; runs over time get the most room.
        charts->addWidget(view, 0, column);
        charts->setColumnStretch(column++, chart == m_runsChart ? 2 : 1);
    }

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_message);
    layout->addLayout(charts, 1);

    m_redrawTimer.setSingleShot(true);
    m_redrawTimer.setInterval(RedrawDelay);
    connect(&m_redrawTimer, &QTimer::timeout, this, &ChartsPanel::redraw);
    m_slideTimer.setInterval(SlideInterval);
    connect(&m_slideTimer, &QTimer::timeout, this, &ChartsPanel::redraw);
    m_slideTimer.start();
    connect(m_agentBox, &QComboBox::currentIndexChanged, this, &ChartsPanel::redraw);
    connect(m_windowBox, &QComboBox::currentIndexChanged, this, [this] {
        const auto chosen = StatsWindow(m_windowBox->currentData().toInt());
        m_stats = RunStatistics(chosen, QDateTime::currentMSecsSinceEpoch());
        reload();
    });
    connect(m_bars, &QBarSeries::hovered, this, [this](bool entered, int index) {
        if (!entered || index < 0 || index >= m_stats.buckets().size()) {
            QToolTip::hideText();
            return;
        }
        const StatsBucket &bucket = m_stats.buckets().at(index);
        const QString format = timeFormat(window());
        QToolTip::showText(QCursor::pos(),
                           tr("%1 to %2\n%3 runs, %4 with errors, %5 skipped or missed")
                               .arg(QDateTime::fromMSecsSinceEpoch(bucket.startMs).toString(format),
                                    QDateTime::fromMSecsSinceEpoch(bucket.endMs).toString(format))
                               .arg(bucket.runs)
                               .arg(bucket.errors)
                               .arg(bucket.skipped));
    });
    redraw();
}

void ChartsPanel::setAgent(const QString &agentId)
{
    m_agentChoices->addAgents({agentId});
    m_agentBox->setCurrentIndex(m_agentChoices->rowOf(agentId));
}

QString ChartsPanel::agentId() const
{
    return m_agentBox->currentData().toString();
}

void ChartsPanel::setWindow(StatsWindow window)
{
    m_windowBox->setCurrentIndex(m_windowBox->findData(int(window)));
}

void ChartsPanel::reload()
{
    // A period's worth more than the window: its first bucket starts up to a period early.
    const qint64 sinceMs = QDateTime::currentMSecsSinceEpoch()
                           - RunStatistics::windowLength(window())
                           - RunStatistics::bucketLength(window());
    const Result<QList<RunRecord>> runs = m_host->call(
        [sinceMs](BackgroundAgentService &service) { return service.listFleetRuns(sinceMs); });
    m_runs.clear();
    if (runs) {
        QStringList agents;
        for (const RunRecord &run : runs.value()) {
            m_runs.insert(run.runId, run);
            agents.append(run.agentId);
        }
        m_agentChoices->addAgents(agents);
    }
    m_message->setText(runs ? QString()
                            : tr("The runs could not be read: %1").arg(runs.errorMessage()));
    m_message->setVisible(!runs);
    redraw();
}

void ChartsPanel::applyStatuses(const QList<AgentStatus> &statuses)
{
    QStringList agents;
    agents.reserve(statuses.size());
    for (const AgentStatus &status : statuses)
        agents.append(status.agentId);
    m_agentChoices->addAgents(agents);
}

void ChartsPanel::applyFinishedRuns(const QList<RunRecord> &runs)
{
    for (const RunRecord &run : runs)
        m_runs.insert(run.runId, run);
    if (!m_redrawTimer.isActive())
        m_redrawTimer.start();
}

void ChartsPanel::redraw()
{
    m_redrawTimer.stop();
    const QDateTime now = QDateTime::currentDateTime();
    m_stats = RunStatistics(window(), now.toMSecsSinceEpoch(), utcOffsetMs(now));
    const QString agent = agentId();
    for (auto it = m_runs.begin(); it != m_runs.end();) {
        if (it->timeMs() < m_stats.startMs()) {
            it = m_runs.erase(it);
            continue;
        }
        if (agent.isEmpty() || it->agentId == agent)
            m_stats.addRun(*it);
        ++it;
    }

    const QList<StatsBucket> &buckets = m_stats.buckets();
    QList<qreal> runs;
    QList<qreal> errors;
    QStringList periods;
    QList<QPointF> meanDuration;
    QList<QPointF> maxDuration;
    QList<QPointF> tokensPerRun;
    int mostRuns = 0;
    double longest = 0;
    double mostTokens = 0;
    for (const StatsBucket &bucket : buckets) {
        runs.append(bucket.runs);
        errors.append(bucket.errors);
        // Hidden, but categories must differ from one another.
        periods.append(QString::number(bucket.startMs));
        mostRuns = std::max(mostRuns, bucket.runs);
        if (bucket.runs == 0)
            continue;
        const qreal middle = qreal(bucket.startMs + (bucket.endMs - bucket.startMs) / 2);
        meanDuration.append({middle, double(bucket.meanDurationMs()) / 1000});
        maxDuration.append({middle, double(bucket.maxDurationMs) / 1000});
        tokensPerRun.append({middle, double(bucket.tokensPerRun())});
        longest = std::max(longest, double(bucket.maxDurationMs) / 1000);
        mostTokens = std::max(mostTokens, double(bucket.tokensPerRun()));
    }
    m_runsSet->remove(0, m_runsSet->count());
    m_runsSet->append(runs);
    m_errorsSet->remove(0, m_errorsSet->count());
    m_errorsSet->append(errors);
    if (m_periods->categories() != periods)
        m_periods->setCategories(periods);
    m_meanDuration->replace(meanDuration);
    m_maxDuration->replace(maxDuration);
    m_tokensPerRun->replace(tokensPerRun);

    fitAxis(m_runsAxis, mostRuns, true);
    fitAxis(m_durationAxis, longest, false);
    fitAxis(m_tokensAxis, mostTokens, true);
    const QDateTime start = QDateTime::fromMSecsSinceEpoch(m_stats.startMs());
    const QDateTime end = QDateTime::fromMSecsSinceEpoch(m_stats.endMs());
    for (QDateTimeAxis *axis : {m_runsTime, m_durationTime, m_tokensTime}) {
        axis->setRange(start, end);
        axis->setFormat(timeFormat(window()));
        axis->setTickCount(timeTicks(window()));
    }

    switch (window()) {
    case StatsWindow::Hour:
        m_runsChart->setTitle(tr("Runs and errors per minute"));
        break;
    case StatsWindow::Day:
        m_runsChart->setTitle(tr("Runs and errors per hour"));
        break;
    case StatsWindow::Week:
        m_runsChart->setTitle(tr("Runs and errors per 6 hours"));
        break;
    case StatsWindow::Month:
        m_runsChart->setTitle(tr("Runs and errors per day"));
        break;
    }
    const StatsBucket total = m_stats.total();
    m_totals->setText(tr("%1 runs, %2 with errors, %3 skipped or missed, %4 tokens")
                          .arg(total.runs)
                          .arg(total.errors)
                          .arg(total.skipped)
                          .arg(total.tokens));
}

} // namespace nightshift
