#include "customestimator.h"

#include "estimator/estimator.h"
#include "estimator/memorymodel.h"

#include <QCoreApplication>
#include <QDate>
#include <QFileInfo>

#include <algorithm>

namespace iq::gui {

CustomEstimateOutput CustomEstimator::run(const CustomEstimateInput &input, const std::atomic_bool *cancel)
{
    CustomEstimateOutput out;
    QString error;
    const Calibration &calibration = defaultCalibration(&error);
    if (!error.isEmpty()) {
        out.error = error;
        return out;
    }
    const ModelArchitecture &arch = input.model;
    const LengthDistribution lengths = LengthDistribution::shareGpt();
    Model model;
    model.id = arch.id;
    model.family = QCoreApplication::translate("iq::gui::CustomEstimator", "custom");
    model.architecture = arch.architecture;
    model.parametersB = arch.totalParamsB > 0 ? arch.totalParamsB : kUnknown;
    model.activeParametersB = arch.activeParamsB > 0 ? arch.activeParamsB : kUnknown;
    model.precision = nativePrecision(arch);
    model.maxContextLength = arch.maxPositionEmbeddings;
    model.sources << input.configPath;

    for (const Accelerator &acc : input.accelerators) {
        if (cancel && cancel->load())
            break;
        QList<MachineType> machines;
        for (const MachineType &m : input.machineTypes)
            if (m.accelerator == acc.gkeLabel && m.acceleratorCount > 0)
                machines << m;
        if (machines.isEmpty())
            continue;
        std::sort(machines.begin(), machines.end(), [](const MachineType &a, const MachineType &b) {
            return a.acceleratorCount != b.acceleratorCount ? a.acceleratorCount < b.acceleratorCount
                                                            : a.name < b.name;
        });
        const QString server = supportedModelServers(acc.isTpu).value(0);
        bool done = false;
        int minCount = 0;
        QString lastReason;
        for (const MachineType &m : machines) {
            if (done || (cancel && cancel->load()))
                break;
            if (m.acceleratorCount < minCount)
                continue;
            EstimateRequest req;
            req.model = arch;
            req.precision = nativePrecision(arch);
            req.accelerator = acc;
            req.acceleratorCount = m.acceleratorCount;
            req.modelServer = server;
            req.lengths = lengths;
            const EstimateResult r = estimate(req, calibration);
            if (!r.feasible) {
                lastReason = r.reason;
                minCount = std::max(minCount, r.memory.minAcceleratorCount);
                if (r.memory.minAcceleratorCount <=
                    0) // does not fit at any size: stop trying this accelerator
                    break;
                continue;
            }
            Profile p;
            p.model = arch.id;
            p.modelServer = r.modelServer;
            for (const ModelServer &s : input.modelServers)
                if (s.name == r.modelServer && !s.versions.isEmpty())
                    p.modelServerVersion = s.versions.first();
            p.accelerator = acc.gkeLabel;
            p.acceleratorCount = m.acceleratorCount;
            p.instanceType = m.name;
            p.tpuTopology = m.tpuTopology;
            p.useCase = QStringLiteral("Chatbot (ShareGPT)");
            p.averageInputLength = lengths.meanInput();
            p.averageOutputLength = lengths.meanOutput();
            p.precision = r.precision;
            p.provenance = r.provenance();
            p.provenance.note =
                QStringLiteral("custom model from %1").arg(QFileInfo(input.configPath).fileName());
            p.points = r.points;
            if (!isKnown(model.weightsGB) && r.memory.weightsGB > 0)
                model.weightsGB = r.memory.weightsGB;
            out.layer.profiles << p;
            done = true;
        }
        if (!done)
            out.skipped << QCoreApplication::translate("iq::gui::CustomEstimator", "%1: %2")
                               .arg(acc.gkeLabel, lastReason.isEmpty()
                                                      ? QCoreApplication::translate(
                                                            "iq::gui::CustomEstimator", "does not fit")
                                                      : lastReason);
    }
    out.layer.name = QStringLiteral("custom model %1").arg(arch.id);
    out.layer.models << model;
    return out;
}

} // namespace iq::gui
