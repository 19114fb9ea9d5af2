#pragma once
// Request length workloads: the ShareGPT distribution of resources/reference/METRICS.md, fixed lengths,
// the GIQ use cases and a user's dataset file. Sampling is deterministic for a given seed on every
// platform (own u01 from raw 64-bit engine output, no std::*_distribution). See docs/estimator-inputs.md.

#include <QList>
#include <QString>
#include <QVector>

#include <cstdint>
#include <optional>
#include <random>

namespace iq {

struct RequestLengths
{
    int input = 0;  // prompt tokens
    int output = 0; // generated tokens
};

// Seeded 64-bit Mersenne Twister (std::mt19937_64 output is fully specified by the standard).
class Rng
{
public:
    explicit Rng(std::uint64_t seed = 42)
        : m_engine(seed)
    {}
    std::uint64_t next() { return m_engine(); }
    double uniform01();              // [0, 1) with 53 random bits
    int uniformInt(int n);           // [0, n), n > 0, unbiased
    double exponential(double rate); // Poisson inter-arrival times; rate > 0

private:
    std::mt19937_64 m_engine;
};

struct UseCaseWorkload
{
    QString name;        // "Chatbot (ShareGPT)", "Code Completion", ...
    int inputTokens = 0; // average lengths from resources/reference/use-cases.yaml (GIQ "~" values)
    int outputTokens = 0;
    bool shareGpt = false; // the chatbot use case is the ShareGPT workload
    QString source;
};

class LengthDistribution
{
public:
    enum class Kind { ShareGpt, Fixed, Dataset };

    LengthDistribution() = default; // fixed 0/0, invalid until assigned
    static LengthDistribution shareGpt();
    static LengthDistribution fixed(int input, int output);
    // CSV or JSONL, one request per line (format in docs/estimator-inputs.md). Errors "file:line: ...".
    static std::optional<LengthDistribution> fromDataset(const QString &path, QString *error);
    // Case-insensitive name match on useCases(); "chatbot" alone also matches. nullopt + error otherwise.
    static std::optional<LengthDistribution> fromUseCase(const QString &name, QString *error);
    // resources/reference/use-cases.yaml (embedded), or the GIQ-INTERFACE.md list when that is missing.
    static QList<UseCaseWorkload> useCases();

    Kind kind() const { return m_kind; }
    RequestLengths sample(Rng &rng) const;
    double meanInput() const { return m_meanInput; }
    double meanOutput() const { return m_meanOutput; }
    int maxInput() const { return m_maxInput; }
    int maxOutput() const { return m_maxOutput; }
    QString description() const { return m_description; }
    bool isValid() const { return m_maxInput > 0 && m_maxOutput > 0; }

    // Inverse CDF of the ShareGPT marginals (u in [0,1]); exposed for tests and docs.
    static double shareGptInputQuantile(double u);
    static double shareGptOutputQuantile(double u);

private:
    Kind m_kind = Kind::Fixed;
    int m_fixedInput = 0;
    int m_fixedOutput = 0;
    QVector<RequestLengths> m_rows; // Dataset
    double m_meanInput = 0;
    double m_meanOutput = 0;
    int m_maxInput = 0;
    int m_maxOutput = 0;
    QString m_description;
};

} // namespace iq
