#include "servingsimulator.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <random>

namespace iq {

double percentileSorted(const std::vector<double> &v, double q)
{
    if (v.empty())
        return kUnknown;
    const double pos = q * double(v.size() - 1);
    const size_t lo = size_t(std::floor(pos));
    const size_t hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (v[hi] - v[lo]) * (pos - double(lo));
}

namespace {

struct Request
{
    int input = 0;
    int output = 0;
    int generated = 0;
    std::int64_t computed = 0; // tokens whose KV is in the cache
    double alloc = 0;          // KV bytes held (per chip)
    double arrival = 0;
    double firstToken = -1;
    double lastToken = 0;
    bool measured = false;
    bool done = false;
};

// Log-spaced histogram (0.5% bins from 1 us to ~3 hours) for pooled inter-token latencies, so that
// percentiles of hundreds of thousands of gaps cost no allocation.
class LogHistogram
{
public:
    LogHistogram()
        : m_bins(kBins, 0)
    {}
    void add(double ms, std::uint64_t count = 1)
    {
        if (count == 0)
            return;
        if (!(ms >= m_cacheLo && ms < m_cacheHi)) { // consecutive gaps mostly share a bin: skip the log
            const double x = std::log(std::max(ms, kMin) / kMin) / kLogRatio;
            m_cacheBin = std::clamp(int(x), 0, kBins - 1);
            m_cacheLo = m_cacheBin == 0 ? -1.0 : kMin * std::exp(m_cacheBin * kLogRatio);
            m_cacheHi = m_cacheBin == kBins - 1 ? std::numeric_limits<double>::infinity()
                                                : kMin * std::exp((m_cacheBin + 1) * kLogRatio);
        }
        m_bins[size_t(m_cacheBin)] += count;
        m_count += count;
        m_sum += ms * double(count);
    }
    LatencyStats stats() const
    {
        LatencyStats s;
        if (m_count == 0)
            return s;
        s.mean = m_sum / double(m_count);
        s.p50 = quantile(0.50);
        s.p90 = quantile(0.90);
        s.p99 = quantile(0.99);
        return s;
    }

private:
    double quantile(double q) const
    {
        const double target = q * double(m_count);
        std::uint64_t cum = 0;
        for (int i = 0; i < kBins; ++i) {
            cum += m_bins[size_t(i)];
            if (double(cum) >= target && m_bins[size_t(i)] > 0)
                return kMin * std::exp((i + 0.5) * kLogRatio);
        }
        return kMin * std::exp((kBins - 0.5) * kLogRatio);
    }
    static constexpr int kBins = 4000;
    static constexpr double kMin = 1e-3;                     // ms
    static constexpr double kLogRatio = 0.00498754151103897; // ln(1.005)
    std::vector<std::uint64_t> m_bins;
    std::uint64_t m_count = 0;
    double m_sum = 0;
    double m_cacheLo = 0;
    double m_cacheHi = 0; // empty range: the first value computes its bin
    int m_cacheBin = 0;
};

LatencyStats statsOf(std::vector<double> &values)
{
    LatencyStats s;
    if (values.empty())
        return s;
    std::sort(values.begin(), values.end());
    double sum = 0;
    for (double v : values)
        sum += v;
    s.mean = sum / double(values.size());
    s.p50 = percentileSorted(values, 0.50);
    s.p90 = percentileSorted(values, 0.90);
    s.p99 = percentileSorted(values, 0.99);
    return s;
}

class Simulation
{
public:
    Simulation(const StepModel &sm, const MemoryPlan &plan, const std::vector<SimLengths> &lengths,
               const SimConfig &cfg)
        : m_sm(sm)
        , m_plan(plan)
        , m_lengths(lengths)
        , m_cfg(cfg)
        , m_rng(cfg.seed)
    {
        m_capacity = plan.kvCachePerChipGB * 1e9;
        m_free = m_capacity;
        m_blockSize = std::max(1, plan.server.blockSize);
        m_maxSeqs = std::max(1, plan.server.maxNumSeqs);
        m_budget = std::max(1, plan.server.maxNumBatchedTokens);
        m_measured = std::max(1, cfg.measuredRequests);
        if (cfg.load == SimConfig::Load::Offline)
            m_warmup = 0;
        else if (cfg.warmupRequests >= 0)
            m_warmup = cfg.warmupRequests;
        else
            m_warmup =
                std::max(m_measured / 10, cfg.load == SimConfig::Load::Concurrency ? cfg.concurrency : 0);
        m_requests.reserve(size_t(m_warmup + m_measured) * 2 + 64);
        m_touched.resize(size_t(m_budget) + 1);
        // 1 - (1 - k/E)^t by repeated multiplication (same values as expertsTouchedFraction up to rounding)
        const bool moe = sm.numExperts > 0 && sm.expertsPerToken > 0 && sm.expertsPerToken < sm.numExperts;
        const double q = moe ? 1.0 - double(sm.expertsPerToken) / sm.numExperts : 0.0;
        double qt = 1.0;
        for (int t = 0; t <= m_budget; ++t) {
            m_touched[size_t(t)] = t == 0 ? 0.0 : (moe ? 1.0 - qt : 1.0);
            qt *= q;
        }
        m_ttft.reserve(size_t(m_measured));
        m_e2e.reserve(size_t(m_measured));
        m_tpot.reserve(size_t(m_measured));
        m_ntpot.reserve(size_t(m_measured));
    }

    SimResult run();

private:
    double u01() { return double(m_rng() >> 11) * 0x1.0p-53; }
    int newRequest(double arrival)
    {
        const int index = int(m_requests.size());
        const SimLengths &l = m_lengths[size_t(index) % m_lengths.size()];
        Request r;
        r.input = std::max(1, l.input);
        r.output = std::max(1, l.output);
        r.arrival = arrival;
        r.measured = index >= m_warmup && index < m_warmup + m_measured;
        if (index == m_warmup)
            m_windowStart = arrival;
        m_requests.push_back(r);
        return index;
    }
    double kvBytes(std::int64_t tokens) const
    {
        return kvBytesForTokens(m_plan.kvPerToken, tokens, m_blockSize);
    }
    double kvReadBytes(std::int64_t tokens) const
    {
        const KvBytesPerToken &kv = m_plan.kvPerToken;
        double b = double(tokens) * kv.fullAttention;
        if (kv.slidingWindow > 0)
            b += double(std::min<std::int64_t>(tokens, kv.window)) * kv.slidingWindow;
        return b;
    }
    void preempt(int idx)
    {
        Request &r = m_requests[size_t(idx)];
        m_free += r.alloc;
        r.alloc = 0;
        r.computed = 0; // recompute: prompt and generated tokens are prefilled again
        m_waiting.push_front(idx);
        ++m_preemptions;
    }
    void accumulate(double dt)
    {
        if (m_now < m_windowStart || dt <= 0)
            return;
        m_statTime += dt;
        m_waitSum += dt * double(m_waiting.size());
        m_runSum += dt * double(m_running.size());
        m_kvSum += dt * (m_capacity > 0 ? (m_capacity - m_free) / m_capacity : 0);
        m_inFlightSum += dt * double(m_inFlight);
    }
    void admitArrivals();
    void finish(int idx);
    std::int64_t fastForwardDecodes();

    const StepModel &m_sm;
    const MemoryPlan &m_plan;
    const std::vector<SimLengths> &m_lengths;
    SimConfig m_cfg;
    std::mt19937_64 m_rng;

    std::vector<Request> m_requests;
    std::vector<int> m_running;
    std::deque<int> m_waiting;
    std::vector<std::pair<int, int>> m_scheduled;
    std::vector<double> m_kvDelta;
    std::vector<double> m_touched; // expertsTouchedFraction by tokens in a step (0..max_num_batched_tokens)
    double m_capacity = 0;
    double m_free = 0;
    int m_blockSize = 16;
    int m_maxSeqs = 256;
    int m_budget = 2048;
    int m_measured = 0;
    int m_warmup = 0;
    double m_now = 0;
    double m_nextArrival = 0;
    int m_inFlight = 0;
    int m_measuredDone = 0;
    int m_preemptions = 0;
    int m_rejected = 0;
    std::vector<double> m_completions; // completion times of every request (for the steady rate)

    double m_windowStart = std::numeric_limits<double>::infinity();
    double m_statTime = 0, m_waitSum = 0, m_runSum = 0, m_kvSum = 0, m_inFlightSum = 0;
    double m_windowOutputTokens = 0;
    int m_windowCompletions = 0;
    double m_measuredInput = 0, m_measuredOutput = 0;

    std::vector<double> m_ttft, m_e2e, m_tpot, m_ntpot;
    LogHistogram m_itl;
};

void Simulation::admitArrivals()
{
    if (m_cfg.load != SimConfig::Load::Rate)
        return;
    while (m_nextArrival <= m_now) {
        const int idx = newRequest(m_nextArrival);
        m_waiting.push_back(idx);
        ++m_inFlight;
        m_nextArrival += -std::log(1.0 - u01()) / m_cfg.rate;
    }
}

void Simulation::finish(int idx)
{
    Request &r = m_requests[size_t(idx)];
    r.done = true;
    m_free += r.alloc;
    r.alloc = 0;
    --m_inFlight;
    m_completions.push_back(m_now);
    if (m_now >= m_windowStart)
        ++m_windowCompletions;
    if (r.measured) {
        ++m_measuredDone;
        const double e2e = (m_now - r.arrival) * 1e3;
        const double ttft = (r.firstToken - r.arrival) * 1e3;
        m_e2e.push_back(e2e);
        m_ttft.push_back(ttft);
        m_ntpot.push_back(e2e / r.output);
        if (r.output > 1)
            m_tpot.push_back((e2e - ttft) / (r.output - 1));
        m_measuredInput += r.input;
        m_measuredOutput += r.output;
    }
    if (m_cfg.load == SimConfig::Load::Concurrency) { // the client sends its next request at once
        m_waiting.push_back(newRequest(m_now));
        ++m_inFlight;
    }
}

// When every running request is decoding and nothing can join the batch (no waiting request, or the
// batch is at max_num_seqs), the next steps differ only by one token of context per request: advance them
// in a tight loop without touching the requests, up to the next arrival, the first completion, the first
// sliding-window boundary or the KV headroom. Same arithmetic as stepping one by one.
std::int64_t Simulation::fastForwardDecodes()
{
    if (!m_cfg.fastForward || m_running.empty() || (!m_waiting.empty() && int(m_running.size()) < m_maxSeqs))
        return 0;
    const int batch = int(m_running.size());
    if (batch > m_budget)
        return 0;
    const KvBytesPerToken &kv = m_plan.kvPerToken;
    std::int64_t limit = std::numeric_limits<std::int64_t>::max();
    double pairs0 = 0, read0 = 0;
    int measuredInBatch = 0, belowWindow = 0;
    for (int idx : m_running) {
        const Request &r = m_requests[size_t(idx)];
        if (r.computed != r.input + r.generated - 1 || r.generated < 1)
            return 0; // a prefill (or recompute) is still in progress
        limit = std::min<std::int64_t>(limit, r.output - r.generated - 1); // stop before any completion
        const std::int64_t t = r.computed + 1;
        if (kv.slidingWindow > 0 && t < kv.window) {
            ++belowWindow;
            limit = std::min<std::int64_t>(limit, kv.window - t);
        }
        pairs0 += double(t);
        read0 += kvReadBytes(t);
        measuredInBatch += r.measured ? 1 : 0;
    }
    // KV headroom: each request may need up to k + one block of new slots.
    const double perStep = double(batch) * kv.total();
    if (perStep > 0)
        limit = std::min<std::int64_t>(limit, std::int64_t(m_free / perStep) - m_blockSize);
    if (limit < 2)
        return 0;
    const double readSlope = double(batch) * kv.fullAttention + double(belowWindow) * kv.slidingWindow;
    // KV held during step j: every request holds kvBytes(computed + 1 + j); new blocks appear at block
    // boundaries, recorded as increments per step so the utilisation statistic matches stepping one by one.
    m_kvDelta.assign(size_t(limit), 0.0);
    double extra0 = 0;
    for (int idx : m_running) {
        const Request &r = m_requests[size_t(idx)];
        const std::int64_t t0 = r.computed + 1;
        extra0 += kvBytes(t0) - r.alloc;
        std::int64_t t = t0 + 1;
        while (t <= r.computed + limit && (t - 1) % m_blockSize != 0)
            ++t;
        for (; t <= r.computed + limit; t += m_blockSize)
            m_kvDelta[size_t(t - t0)] += kvBytes(t) - kvBytes(t - 1);
    }
    const double free0 = m_free;
    double held = extra0;
    StepBatch b;
    b.numSequences = batch;
    b.numTokens = batch;
    b.expertsTouched = m_touched[size_t(batch)];
    std::int64_t k = 0;
    while (k < limit) {
        b.attentionPairs = pairs0 + double(k) * batch;
        b.kvReadBytes = read0 + double(k) * readSlope;
        const double dt = stepTime(m_sm, b).totalS;
        held += m_kvDelta[size_t(k)];
        m_free = free0 - held;
        accumulate(dt);
        m_now += dt;
        ++k;
        if (m_now >= m_windowStart)
            m_windowOutputTokens += batch;
        m_itl.add(dt * 1e3, std::uint64_t(measuredInBatch));
        if (m_cfg.load == SimConfig::Load::Rate && m_now >= m_nextArrival)
            break; // an arrival joins at the next step
    }
    m_free = free0;
    for (int idx : m_running) {
        Request &r = m_requests[size_t(idx)];
        r.computed += k;
        r.generated += int(k);
        r.lastToken = m_now;
        const double alloc = kvBytes(r.computed);
        m_free -= alloc - r.alloc;
        r.alloc = alloc;
    }
    return k;
}

SimResult Simulation::run()
{
    SimResult res;
    if (m_lengths.empty()) {
        res.ok = false;
        res.error = QStringLiteral("no request lengths to simulate");
        return res;
    }
    switch (m_cfg.load) {
    case SimConfig::Load::Offline:
        for (int i = 0; i < m_measured; ++i)
            m_waiting.push_back(newRequest(0));
        m_inFlight = m_measured;
        m_windowStart = 0;
        break;
    case SimConfig::Load::Concurrency:
        for (int i = 0; i < std::max(1, m_cfg.concurrency); ++i)
            m_waiting.push_back(newRequest(0));
        m_inFlight = int(m_waiting.size());
        break;
    case SimConfig::Load::Rate:
        if (!(m_cfg.rate > 0)) {
            res.ok = false;
            res.error = QStringLiteral("request rate must be positive");
            return res;
        }
        m_nextArrival = -std::log(1.0 - u01()) / m_cfg.rate;
        break;
    }

    const std::int64_t maxSteps = 200'000'000;
    std::int64_t steps = 0;
    while (m_measuredDone < m_measured) {
        admitArrivals();
        if (const std::int64_t k = fastForwardDecodes(); k > 0) {
            steps += k;
            continue;
        }
        if (m_running.empty() && m_waiting.empty()) {
            if (m_cfg.load != SimConfig::Load::Rate)
                break; // nothing left (every remaining request was rejected)
            accumulate(m_nextArrival - m_now);
            m_now = m_nextArrival;
            continue;
        }
        // Schedule: running requests first (decodes and unfinished prefills), then waiting ones.
        m_scheduled.clear();
        int budget = m_budget;
        bool preempted = false;
        for (size_t pos = 0; pos < m_running.size() && budget > 0; ++pos) {
            const int idx = m_running[pos];
            Request &r = m_requests[size_t(idx)];
            const std::int64_t need = r.input + r.generated - r.computed;
            const int n = int(std::min<std::int64_t>(need, budget));
            const double newAlloc = kvBytes(r.computed + n);
            bool self = false;
            while (newAlloc - r.alloc > m_free) {
                const int victim = m_running.back();
                m_running.pop_back();
                preempt(victim);
                preempted = true;
                if (victim == idx) {
                    self = true;
                    break;
                }
            }
            if (self)
                break;
            m_free -= newAlloc - r.alloc;
            r.alloc = newAlloc;
            m_scheduled.emplace_back(idx, n);
            budget -= n;
        }
        if (!preempted) {
            while (budget > 0 && !m_waiting.empty() && int(m_running.size()) < m_maxSeqs) {
                const int idx = m_waiting.front();
                Request &r = m_requests[size_t(idx)];
                const std::int64_t need = r.input + r.generated - r.computed;
                const int n = int(std::min<std::int64_t>(need, budget));
                const double newAlloc = kvBytes(r.computed + n);
                if (newAlloc - r.alloc > m_free) {
                    if (m_running.empty() && m_scheduled.empty() &&
                        kvBytes(r.input + r.output) > m_capacity) {
                        // Can never fit: the server would reject it; drop it so the run cannot hang.
                        m_waiting.pop_front();
                        ++m_rejected;
                        --m_inFlight;
                        if (r.measured)
                            --m_measured;
                        continue;
                    }
                    break;
                }
                m_waiting.pop_front();
                m_running.push_back(idx);
                m_free -= newAlloc - r.alloc;
                r.alloc = newAlloc;
                m_scheduled.emplace_back(idx, n);
                budget -= n;
            }
        }
        if (m_scheduled.empty()) {
            if (++steps > maxSteps)
                break;
            continue; // preempted everything this step; the next step re-admits
        }
        StepBatch batch;
        batch.numSequences = int(m_scheduled.size());
        for (const auto &[idx, n] : m_scheduled) {
            const Request &r = m_requests[size_t(idx)];
            batch.numTokens += n;
            batch.attentionPairs += double(n) * double(r.computed) + 0.5 * double(n) * double(n + 1);
            batch.kvReadBytes += kvReadBytes(r.computed + n);
        }
        batch.expertsTouched = m_touched[size_t(std::min(batch.numTokens, m_budget))];
        const double dt = stepTime(m_sm, batch).totalS;
        accumulate(dt);
        m_now += dt;
        if (++steps > maxSteps)
            break;

        bool anyFinished = false;
        for (const auto &[idx, n] : m_scheduled) {
            Request &r = m_requests[size_t(idx)];
            r.computed += n;
            if (r.computed < r.input + r.generated)
                continue; // prefill chunk, no token yet
            ++r.generated;
            if (m_now >= m_windowStart)
                m_windowOutputTokens += 1;
            if (r.firstToken < 0)
                r.firstToken = m_now;
            else if (r.measured)
                m_itl.add((m_now - r.lastToken) * 1e3);
            r.lastToken = m_now;
            if (r.generated >= r.output) {
                finish(idx);
                anyFinished = true;
            }
        }
        if (anyFinished) {
            m_running.erase(std::remove_if(m_running.begin(), m_running.end(),
                                           [&](int i) { return m_requests[size_t(i)].done; }),
                            m_running.end());
        }
    }

    res.steps = steps;
    res.preemptions = m_preemptions;
    res.rejected = m_rejected;
    res.makespanS = m_now;
    if (steps > maxSteps) {
        res.ok = false;
        res.error = QStringLiteral("simulation did not finish within %1 steps").arg(maxSteps);
        return res;
    }
    if (m_completions.size() >= 10) {
        const size_t a = m_completions.size() / 10, b = m_completions.size() * 9 / 10;
        const double span = m_completions[b] - m_completions[a];
        res.steadyRequestRate = span > 0 ? double(b - a) / span : 0;
    }
    BenchmarkPoint &p = res.point;
    const double window = m_now - (std::isfinite(m_windowStart) ? m_windowStart : 0);
    if (window > 0 && m_measuredOutput > 0) {
        p.outputTokensPerSecond = m_windowOutputTokens / window;
        p.inputTokensPerSecond = p.outputTokensPerSecond * m_measuredInput / m_measuredOutput;
        p.totalTokensPerSecond = p.inputTokensPerSecond + p.outputTokensPerSecond;
    }
    const double completionRate = window > 0 ? m_windowCompletions / window : kUnknown;
    switch (m_cfg.load) {
    case SimConfig::Load::Rate:
        p.requestRate = m_cfg.rate;
        p.concurrency = m_statTime > 0 ? m_inFlightSum / m_statTime : kUnknown;
        break;
    case SimConfig::Load::Concurrency:
        p.requestRate = completionRate;
        p.concurrency = m_cfg.concurrency;
        break;
    case SimConfig::Load::Offline:
        p.requestRate = completionRate;
        p.concurrency = m_statTime > 0 ? m_inFlightSum / m_statTime : kUnknown;
        break;
    }
    p.ttftMs = statsOf(m_ttft);
    p.tpotMs = statsOf(m_tpot);
    p.ntpotMs = statsOf(m_ntpot);
    p.e2eMs = statsOf(m_e2e);
    p.itlMs = m_itl.stats();
    if (m_statTime > 0) {
        p.queueSize = m_waitSum / m_statTime;
        p.runningBatchSize = m_runSum / m_statTime;
        p.kvCacheUtilization = m_kvSum / m_statTime;
        res.meanKvUtilization = p.kvCacheUtilization;
    }
    return res;
}

} // namespace

SimResult simulate(const StepModel &stepModel, const MemoryPlan &plan, const std::vector<SimLengths> &lengths,
                   const SimConfig &config)
{
    Simulation sim(stepModel, plan, lengths, config);
    return sim.run();
}

} // namespace iq
