#include "summarycards.h"

#include "agenttablemodel.h"

#include <QAbstractButton>
#include <QHBoxLayout>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace nightshift {

namespace {

using Filter = AgentFilterProxy::StatusFilter;

constexpr int Padding = 10;
constexpr int AccentWidth = 4;

// One card: an accent strip, a large number and a caption; checked while its filter is on.
class Card final : public QAbstractButton
{
public:
    Card(const QString &caption, const QColor &accent, QWidget *parent)
        : QAbstractButton(parent)
        , m_caption(caption)
        , m_accent(accent)
    {
        setCheckable(true);
        setText(QStringLiteral("0"));
        setCursor(Qt::PointingHandCursor);
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        setAccessibleName(caption);
    }

    QSize sizeHint() const override
    {
        const QFontMetrics value(valueFont());
        const int width = std::max(fontMetrics().horizontalAdvance(m_caption),
                                   value.horizontalAdvance(QStringLiteral("000,000")));
        return {AccentWidth + 2 * Padding + width,
                2 * Padding + value.height() + fontMetrics().height()};
    }
    // Narrower than the hint: a small window squeezes the cards before the table and docks.
    QSize minimumSizeHint() const override
    {
        return {AccentWidth + 2 * Padding
                    + fontMetrics().horizontalAdvance(QStringLiteral("00000")),
                sizeHint().height()};
    }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        painter.setRenderHint(QPainter::Antialiasing);
        const QRectF frame = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
        QPainterPath path;
        path.addRoundedRect(frame, 6, 6);
        const QPalette &colors = palette();
        const bool on = isChecked();
        painter.fillPath(path,
                         on ? colors.color(QPalette::Highlight).lighter(185)
                            : colors.color(QPalette::Base));
        painter.setPen(QPen(on ? colors.color(QPalette::Highlight) : colors.color(QPalette::Mid),
                            on || hasFocus() ? 2 : 1));
        painter.drawPath(path);
        painter.save();
        painter.setClipPath(path);
        painter.fillRect(QRectF(frame.left(), frame.top(), AccentWidth, frame.height()), m_accent);
        painter.restore();

        const QRect content = rect().adjusted(AccentWidth + Padding, Padding, -Padding, -Padding);
        const QFontMetrics value(valueFont());
        painter.setPen(colors.color(QPalette::Text));
        painter.setFont(valueFont());
        painter.drawText(QRect(content.left(), content.top(), content.width(), value.height()),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         value.elidedText(text(), Qt::ElideRight, content.width()));
        painter.setFont(font());
        painter.setPen(colors.color(QPalette::PlaceholderText));
        painter.drawText(QRect(content.left(),
                               content.top() + value.height(),
                               content.width(),
                               fontMetrics().height()),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         fontMetrics().elidedText(m_caption, Qt::ElideRight, content.width()));
    }

private:
    QFont valueFont() const
    {
        QFont big = font();
        big.setPointSizeF(big.pointSizeF() * 1.8);
        big.setBold(true);
        return big;
    }

    QString m_caption;
    QColor m_accent;
};

} // namespace

SummaryCards::SummaryCards(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    const struct
    {
        Filter filter;
        QString caption;
        QColor accent;
    } cards[] = {
        {Filter::Running, tr("Running"), AgentTableModel::stateColor(AgentState::Running)},
        {Filter::Scheduled, tr("Scheduled"), AgentTableModel::stateColor(AgentState::Scheduled)},
        {Filter::Paused, tr("Paused"), AgentTableModel::stateColor(AgentState::Paused)},
        {Filter::Errored, tr("Errored"), AgentTableModel::stateColor(AgentState::Error)},
        {Filter::RanToday, tr("Runs today"), QColor(0x8e, 0x24, 0xaa)},
        {Filter::UsedTokensToday, tr("Tokens today"), QColor(0x00, 0x89, 0x7b)},
    };
    for (const auto &spec : cards) {
        auto *card = new Card(spec.caption, spec.accent, this);
        card->setToolTip(
            tr("Show only these agents: %1").arg(AgentFilterProxy::filterText(spec.filter)));
        const Filter filter = spec.filter;
        connect(card, &QAbstractButton::clicked, this, [this, filter] {
            Q_EMIT filterClicked(filter);
        });
        layout->addWidget(card);
        m_cards.insert(int(filter), card);
    }
}

void SummaryCards::showTotals(const FleetTotals &totals)
{
    const QLocale locale;
    const auto show = [&](Filter filter, qint64 value) {
        m_cards.value(int(filter))->setText(locale.toString(value));
    };
    show(Filter::Running, totals.count(AgentState::Running));
    show(Filter::Scheduled, totals.count(AgentState::Scheduled));
    show(Filter::Paused, totals.count(AgentState::Paused));
    show(Filter::Errored, totals.count(AgentState::Error));
    show(Filter::RanToday, totals.runsToday);
    show(Filter::UsedTokensToday, totals.tokensToday);
}

void SummaryCards::setActiveFilter(AgentFilterProxy::StatusFilter filter)
{
    for (auto it = m_cards.cbegin(); it != m_cards.cend(); ++it)
        it.value()->setChecked(it.key() == int(filter));
}

QAbstractButton *SummaryCards::card(AgentFilterProxy::StatusFilter filter) const
{
    return m_cards.value(int(filter));
}

QString SummaryCards::valueText(AgentFilterProxy::StatusFilter filter) const
{
    const QAbstractButton *button = card(filter);
    return button ? button->text() : QString();
}

} // namespace nightshift
