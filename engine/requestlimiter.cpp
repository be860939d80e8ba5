#include "requestlimiter.h"

#include "providerpresets.h"

#include <QStringList>

#include <algorithm>

namespace nightshift {

namespace {

constexpr qint64 WindowMs = 60'000;

ProviderLimits sanitized(ProviderLimits limits)
{
    limits.maxConcurrent = std::max(0, limits.maxConcurrent);
    limits.perMinute = std::max(0, limits.perMinute);
    return limits;
}

} // namespace

QString requestWaitName(RequestWait reason)
{
    return reason == RequestWait::Rate ? QStringLiteral("rate") : QStringLiteral("concurrency");
}

Result<std::pair<QString, ProviderLimits>> parseProviderLimit(const QString &text)
{
    const auto malformed = [&text] {
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("\"%1\" is not PROVIDER=CONCURRENT/PER_MINUTE (0 for no "
                                        "limit), e.g. openai=4/60")
                             .arg(text));
    };
    const qsizetype equals = text.indexOf(u'=');
    if (equals < 0)
        return malformed();
    const QString providerId = text.left(equals).trimmed();
    const QStringList numbers = text.mid(equals + 1).split(u'/');
    if (numbers.size() != 2)
        return malformed();
    bool concurrentOk = false;
    bool perMinuteOk = false;
    const ProviderLimits limits{numbers.at(0).trimmed().toInt(&concurrentOk),
                                numbers.at(1).trimmed().toInt(&perMinuteOk)};
    if (!concurrentOk || !perMinuteOk || limits.maxConcurrent < 0 || limits.perMinute < 0)
        return malformed();
    if (!findProviderPreset(providerId)) {
        QStringList ids = availableProviderIds();
        ids.removeOne(QStringLiteral("none"));
        return makeError(ErrorCode::InvalidArgument,
                         QStringLiteral("\"%1\" is not a model provider (one of %2)")
                             .arg(providerId, ids.join(QStringLiteral(", "))));
    }
    return std::pair{providerId, limits};
}

RequestLimiter::RequestLimiter(Scheduler *scheduler)
    : m_scheduler(scheduler)
{}

RequestLimiter::~RequestLimiter()
{
    for (auto &[id, p] : m_providers)
        m_scheduler->cancel(p.wake);
}

ProviderLimits RequestLimiter::limits(const QString &providerId) const
{
    const Provider *p = findProvider(providerId);
    return p ? p->limits : ProviderLimits();
}

void RequestLimiter::setLimits(const QString &providerId, ProviderLimits limits)
{
    Provider &p = provider(providerId);
    p.limits = sanitized(limits);
    pump(p);
}

void RequestLimiter::setAllLimits(const QHash<QString, ProviderLimits> &limits)
{
    for (auto &[id, p] : m_providers) {
        if (!limits.contains(id)) {
            p.limits = {};
            pump(p);
        }
    }
    for (auto it = limits.cbegin(); it != limits.cend(); ++it)
        setLimits(it.key(), it.value());
}

RequestLimiter::Admission RequestLimiter::acquire(const QString &providerId, Granted granted)
{
    Provider &p = provider(providerId);
    const qint64 now = m_scheduler->nowMs();
    forgetOldStarts(p, now);
    const Ticket ticket = m_nextTicket++;
    // Behind anyone already waiting, even where a slot looks free: first come, first served.
    if (p.queue.empty() && hasFreeSlot(p) && rateAllows(p)) {
        ++p.inFlight;
        p.starts.push_back(now);
        m_places.emplace(ticket, Place{&p, Stage::Holding, {}, {}});
        granted();
        return {ticket, std::nullopt};
    }
    p.queue.push_back(ticket);
    m_places.emplace(ticket,
                     Place{&p, Stage::Queued, std::prev(p.queue.end()), std::move(granted)});
    armWake(p);
    return {
        ticket,
        Wait{hasFreeSlot(p) ? RequestWait::Rate : RequestWait::Concurrency, int(p.queue.size())}};
}

std::optional<RequestLimiter::Wait> RequestLimiter::acquireAgain(Ticket ticket, Granted granted)
{
    const auto it = m_places.find(ticket);
    if (it == m_places.end() || it->second.stage != Stage::Holding) {
        Q_ASSERT_X(false, "RequestLimiter::acquireAgain", "the ticket holds no slot");
        return std::nullopt;
    }
    Place &place = it->second;
    Provider &p = *place.provider;
    const qint64 now = m_scheduler->nowMs();
    forgetOldStarts(p, now);
    if (p.retries.empty() && rateAllows(p)) {
        p.starts.push_back(now);
        granted();
        return std::nullopt;
    }
    p.retries.push_back(ticket);
    place.stage = Stage::Retrying;
    place.position = std::prev(p.retries.end());
    place.granted = std::move(granted);
    armWake(p);
    return Wait{RequestWait::Rate, int(p.retries.size())};
}

void RequestLimiter::release(Ticket ticket)
{
    const auto it = m_places.find(ticket);
    if (it == m_places.end())
        return;
    Provider &p = *it->second.provider;
    switch (it->second.stage) {
    case Stage::Queued:
        p.queue.erase(it->second.position);
        break;
    case Stage::Retrying:
        p.retries.erase(it->second.position);
        --p.inFlight;
        break;
    case Stage::Holding:
        --p.inFlight;
        break;
    }
    m_places.erase(it);
    pump(p);
}

int RequestLimiter::inFlight(const QString &providerId) const
{
    const Provider *p = findProvider(providerId);
    return p ? p->inFlight : 0;
}

int RequestLimiter::waiting(const QString &providerId) const
{
    const Provider *p = findProvider(providerId);
    return p ? int(p->queue.size() + p->retries.size()) : 0;
}

RequestLimiter::Provider &RequestLimiter::provider(const QString &providerId)
{
    return m_providers[providerId];
}

const RequestLimiter::Provider *RequestLimiter::findProvider(const QString &providerId) const
{
    const auto it = m_providers.find(providerId);
    return it == m_providers.end() ? nullptr : &it->second;
}

void RequestLimiter::forgetOldStarts(Provider &p, qint64 now)
{
    // A clock set back would leave starts in the future, closing the window for as long as it
    // went back; they count as starting now.
    for (auto it = p.starts.rbegin(); it != p.starts.rend() && *it > now; ++it)
        *it = now;
    while (!p.starts.empty() && p.starts.front() <= now - WindowMs)
        p.starts.pop_front();
}

bool RequestLimiter::hasFreeSlot(const Provider &p) const
{
    return p.limits.maxConcurrent <= 0 || p.inFlight < p.limits.maxConcurrent;
}

bool RequestLimiter::rateAllows(const Provider &p) const
{
    return p.limits.perMinute <= 0 || p.starts.size() < size_t(p.limits.perMinute);
}

void RequestLimiter::pump(Provider &p)
{
    // A granted request may release or ask again from inside its callback; the pump already
    // running looks at the state afresh after each grant, so it need not nest.
    if (p.pumping)
        return;
    p.pumping = true;
    while (grantNext(p)) {
    }
    p.pumping = false;
    armWake(p);
}

bool RequestLimiter::grantNext(Provider &p)
{
    const qint64 now = m_scheduler->nowMs();
    forgetOldStarts(p, now);
    std::list<Ticket> *line = nullptr;
    if (!p.retries.empty())
        line = &p.retries; // Retries hold their slots already; only the window keeps them back.
    else if (!p.queue.empty() && hasFreeSlot(p))
        line = &p.queue;
    if (!line || !rateAllows(p))
        return false;
    const Ticket ticket = line->front();
    line->pop_front();
    Place &place = m_places.at(ticket);
    if (place.stage == Stage::Queued)
        ++p.inFlight;
    place.stage = Stage::Holding;
    p.starts.push_back(now);
    const Granted granted = std::exchange(place.granted, {});
    granted();
    return true;
}

void RequestLimiter::armWake(Provider &p)
{
    forgetOldStarts(p, m_scheduler->nowMs());
    const bool waitsForWindow
        = !rateAllows(p) && (!p.retries.empty() || (!p.queue.empty() && hasFreeSlot(p)));
    // The window opens when the start perMinute places back leaves it.
    const qint64 due = waitsForWindow
                           ? p.starts.at(p.starts.size() - size_t(p.limits.perMinute)) + WindowMs
                           : -1;
    if (due == p.wakeDue)
        return;
    m_scheduler->cancel(p.wake);
    p.wake = 0;
    p.wakeDue = due;
    if (due < 0)
        return;
    Provider *target = &p;
    p.wake = m_scheduler->schedule(due, [this, target] {
        target->wake = 0;
        target->wakeDue = -1;
        pump(*target);
    });
}

} // namespace nightshift
