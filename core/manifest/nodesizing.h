#pragma once
// How much of a node the model server container asks for, and how long it may take to start.
// Rules (docs/manifests.md, "Sizing"):
//  - Allocatable = machine - GKE system reservation (kubelet, container runtime, eviction threshold), per
//    https://cloud.google.com/kubernetes-engine/docs/concepts/plan-node-sizes#memory_and_cpu_reservations:
//      CPU: 6% of the first core, 1% of the next, 0.5% of the next 2, 0.25% of every core above 4;
//      memory: 25% of the first 4 GiB, 20% of the next 4, 10% of the next 8, 6% of the next 112, 2% above
//      128 GiB (255 MiB on machines under 1 GiB), plus the 100 MiB eviction threshold.
//  - Request = allocatable - kDaemonSetCpuMillis / kDaemonSetMemoryMiB (our allowance for the system
//    DaemonSets every GKE GPU/TPU node runs: logging, metrics, kube-proxy, device plugin, DCGM exporter),
//    minus the Cloud Storage FUSE sidecar's default requests when a bucket is mounted, minus the model
//    weights when the FUSE file cache keeps them in memory (that memory is charged to the sidecar).
//  - Startup budget = base + weights / kAssumedLoadRateGBps (see below).

#include <QtGlobal>

namespace iq::manifest {

// Allowance left for system DaemonSets on the node (project choice, documented in docs/manifests.md).
inline constexpr qint64 kDaemonSetCpuMillis = 1000;
inline constexpr qint64 kDaemonSetMemoryMiB = 2048;
// Default requests of the GKE Cloud Storage FUSE sidecar container (GKE documentation, "Configure resources
// for the sidecar container": 250m CPU, 256 MiB memory).
inline constexpr qint64 kGcsFuseSidecarCpuMillis = 250;
inline constexpr qint64 kGcsFuseSidecarMemoryMiB = 256;
// Assumed sustained rate at which weights are fetched (Hugging Face Hub or Cloud Storage) and loaded:
// 0.1 GB/s, deliberately conservative. A too-short startup probe restarts the pod mid-download forever; a
// too-long one only delays detecting a hung start, so the budget errs long.
inline constexpr double kAssumedLoadRateGBps = 0.1;
// Fixed start-up work besides loading weights: GPU 600 s (CUDA graph capture, torch.compile, KV cache
// profiling), TPU 1200 s (XLA compilation of the prefill/decode graphs, which dominates on TPU).
inline constexpr int kGpuStartupBaseSeconds = 600;
inline constexpr int kTpuStartupBaseSeconds = 1200;
inline constexpr int kStartupProbePeriodSeconds = 10;

qint64 gkeAllocatableCpuMillis(int vcpus);
qint64 gkeAllocatableMemoryMiB(double machineMemoryGiB);
int startupBudgetSeconds(double weightsGB, bool isTpu);

} // namespace iq::manifest
