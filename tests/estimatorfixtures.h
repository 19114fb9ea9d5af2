#pragma once
// Hand-written model and accelerator facts for the estimator tests (values from the public config.json and
// the accelerator datasheets in resources/reference/accelerators.yaml), so that expected values in the
// tests can be computed by hand and do not move when the facts tables change.

#include "estimator/memorymodel.h"

#include <QtGlobal>

namespace iq::testfixtures {

// Llama-3.1-8B-Instruct config.json values.
inline ModelArchitecture llama8b()
{
    ModelArchitecture m;
    m.id = QStringLiteral("meta-llama/Llama-3.1-8B-Instruct");
    m.hiddenSize = 4096;
    m.numLayers = 32;
    m.numAttentionHeads = 32;
    m.numKeyValueHeads = 8;
    m.headDim = 128;
    m.intermediateSize = 14336;
    m.vocabSize = 128256;
    m.maxPositionEmbeddings = 131072;
    m.totalParamsB = 8.03;
    m.activeParamsB = 8.03;
    m.nativePrecision = QStringLiteral("bf16");
    return m;
}

inline ModelArchitecture llama70b()
{
    ModelArchitecture m = llama8b();
    m.id = QStringLiteral("meta-llama/Llama-3.1-70B-Instruct");
    m.hiddenSize = 8192;
    m.numLayers = 80;
    m.numAttentionHeads = 64;
    m.intermediateSize = 28672;
    m.totalParamsB = 70.55;
    m.activeParamsB = 70.55;
    return m;
}

inline Accelerator l4()
{
    Accelerator a;
    a.gkeLabel = QStringLiteral("nvidia-l4");
    a.memoryGB = 24;
    a.memoryBandwidthGBps = 300;
    a.bf16Tflops = 121;
    a.fp8Tflops = 242;
    a.interconnectGBps = 32;
    return a;
}

inline Accelerator h100()
{
    Accelerator a;
    a.gkeLabel = QStringLiteral("nvidia-h100-80gb");
    a.memoryGB = 80;
    a.memoryBandwidthGBps = 3350;
    a.bf16Tflops = 989;
    a.fp8Tflops = 1979;
    a.interconnectGBps = 450;
    return a;
}

inline ServerConfig vllmOn(const Accelerator &a, int count)
{
    ServerConfig s;
    QString error;
    if (!defaultServerConfig(QStringLiteral("vllm"), a, count, &s, &error))
        qFatal("%s", qPrintable(error));
    return s;
}

} // namespace iq::testfixtures
