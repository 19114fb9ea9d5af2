#pragma once
// Helpers shared by the tst_catalog_* tests (header-only, included by the test sources).

#include "catalog/pointcolumns.h"
#include "domain.h"

#include <cmath>

namespace catalogtest {

// NaN never equals itself; the catalog never holds negative numbers, so -1 stands in for "unknown" when two
// catalogs are compared with operator==.
inline double canon(double v)
{
    return std::isnan(v) ? -1.0 : v;
}

inline iq::CatalogData canonical(iq::CatalogData d)
{
    for (iq::Accelerator &a : d.accelerators) {
        for (double *v : {&a.memoryGB, &a.memoryBandwidthGBps, &a.bf16Tflops, &a.fp8Tflops, &a.int8Tops,
                          &a.fp4Tflops, &a.interconnectGBps})
            *v = canon(*v);
    }
    for (iq::MachineType &m : d.machineTypes)
        m.memoryGB = canon(m.memoryGB);
    for (iq::Price &p : d.prices)
        p.usdPerHour = canon(p.usdPerHour);
    for (iq::Model &m : d.models) {
        m.parametersB = canon(m.parametersB);
        m.activeParametersB = canon(m.activeParametersB);
        m.weightsGB = canon(m.weightsGB);
    }
    for (iq::Profile &p : d.profiles) {
        p.averageInputLength = canon(p.averageInputLength);
        p.averageOutputLength = canon(p.averageOutputLength);
        p.provenance.errorBandPercent = canon(p.provenance.errorBandPercent);
        for (iq::BenchmarkPoint &pt : p.points) {
            for (const iq::PointColumn &c : iq::pointColumns())
                c.ref(pt) = canon(c.get(pt));
        }
    }
    return d;
}

inline bool sameCatalog(const iq::CatalogData &x, const iq::CatalogData &y)
{
    const iq::CatalogData a = canonical(x);
    const iq::CatalogData b = canonical(y);
    return a.name == b.name && a.description == b.description && a.accelerators == b.accelerators &&
           a.machineTypes == b.machineTypes && a.prices == b.prices && a.models == b.models &&
           a.modelServers == b.modelServers && a.useCases == b.useCases && a.profiles == b.profiles;
}

} // namespace catalogtest
