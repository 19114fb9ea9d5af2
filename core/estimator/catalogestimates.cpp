#include "catalogestimates.h"

#include "estimator.h"
#include "modelfacts.h"

#include <QDate>
#include <QMap>
#include <QtConcurrent>

#include <algorithm>

namespace iq {

namespace {

struct Job
{
    const ModelArchitecture *model = nullptr;
    Accelerator accelerator;
    int count = 0;
    QString server;
    QString useCase;
    LengthDistribution lengths;
    QList<MachineType> machines; // carrying `count` of the accelerator
};

} // namespace

QList<Profile> buildEstimatedProfiles(const CatalogData &reference, const EstimateBuildOptions &options,
                                      QStringList *log)
{
    const Calibration &cal = options.calibration ? *options.calibration : defaultCalibration();
    const ModelFactsResult facts = loadModelFacts();
    if (log) {
        for (const QString &e : facts.errors)
            log->append(e);
    }
    QList<QPair<QString, LengthDistribution>> workloads;
    for (const QString &name : options.useCases) {
        QString error;
        const auto d = LengthDistribution::fromUseCase(name, &error);
        if (!d) {
            if (log)
                log->append(QStringLiteral("use case %1 skipped: %2").arg(name, error));
            continue;
        }
        workloads.append({name, *d});
    }

    // Machine types per (accelerator, count), in the reference's order.
    QList<Job> jobs;
    int skipped = 0;
    for (const ModelArchitecture &m : facts.models) {
        if (!options.models.isEmpty() && !options.models.contains(m.id))
            continue;
        for (const Accelerator &acc : reference.accelerators) {
            QMap<int, QList<MachineType>> byCount;
            for (const MachineType &mt : reference.machineTypes) {
                if (mt.accelerator == acc.gkeLabel && mt.acceleratorCount > 0)
                    byCount[mt.acceleratorCount].append(mt);
            }
            for (auto it = byCount.cbegin(); it != byCount.cend(); ++it) {
                for (const QString &server : supportedModelServers(acc.isTpu)) {
                    ServerConfig sc;
                    QString error;
                    if (!defaultServerConfig(server, acc, it.key(), &sc, &error))
                        continue;
                    const MemoryPlan plan = planMemory(m, nativePrecision(m), acc, it.key(), sc);
                    if (!plan.feasible) {
                        ++skipped;
                        continue;
                    }
                    for (const auto &[name, lengths] : workloads) {
                        Job j;
                        j.model = &m;
                        j.accelerator = acc;
                        j.count = it.key();
                        j.server = server;
                        j.useCase = name;
                        j.lengths = lengths;
                        j.machines = it.value();
                        jobs.append(j);
                    }
                }
            }
        }
    }

    const QString date = options.date.isEmpty() ? QDate::currentDate().toString(Qt::ISODate) : options.date;
    const QList<EstimateResult> results =
        QtConcurrent::blockingMapped<QList<EstimateResult>>(jobs, [&](const Job &j) {
            EstimateRequest req;
            req.model = *j.model;
            req.accelerator = j.accelerator;
            req.acceleratorCount = j.count;
            req.modelServer = j.server;
            req.lengths = j.lengths;
            req.load = EstimateRequest::Sweep;
            req.seed = options.seed;
            req.requestsPerPoint = options.requestsPerPoint;
            req.sweepPoints = options.sweepPoints;
            return estimate(req, cal);
        });

    QList<Profile> profiles;
    int infeasible = 0;
    for (int i = 0; i < jobs.size(); ++i) {
        const Job &j = jobs[i];
        const EstimateResult &r = results[i];
        if (!r.feasible) {
            ++infeasible;
            if (log)
                log->append(QStringLiteral("%1 on %2x %3 (%4, %5): %6")
                                .arg(j.model->id)
                                .arg(j.count)
                                .arg(j.accelerator.gkeLabel, j.server, j.useCase, r.reason));
            continue;
        }
        Provenance prov = r.provenance();
        prov.date = date;
        prov.note += QStringLiteral("; %1 measured requests per load point").arg(options.requestsPerPoint);
        for (const MachineType &mt : j.machines) {
            Profile p;
            p.model = j.model->id;
            p.modelServer = j.server;
            p.accelerator = j.accelerator.gkeLabel;
            p.acceleratorCount = j.count;
            p.instanceType = mt.name;
            p.tpuTopology = mt.tpuTopology;
            p.useCase = j.useCase;
            p.averageInputLength = j.lengths.meanInput();
            p.averageOutputLength = j.lengths.meanOutput();
            p.precision = r.precision;
            p.provenance = prov;
            p.points = r.points;
            profiles.append(p);
        }
    }
    if (log)
        log->append(QStringLiteral("estimated %1 curves (%2 profiles); %3 combinations skipped because the "
                                   "weights do not fit, %4 infeasible for the workload")
                        .arg(jobs.size() - infeasible)
                        .arg(profiles.size())
                        .arg(skipped)
                        .arg(infeasible));
    return profiles;
}

} // namespace iq
