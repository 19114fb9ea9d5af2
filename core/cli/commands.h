#pragma once
// Entry points of the `iq` commands. Each takes the arguments after its command words and returns the
// process exit code (cliio.h). The dispatcher (dispatcher.cpp) maps command words to these.

#include "cliio.h"

#include <QStringList>

namespace iq::cli {

// The whole program: argv without argv[0].
int runIq(const QStringList &args, CliIo &io);

// gcloud container ai profiles ... (profilescommands.cpp)
int profilesModelsList(const QStringList &args, CliIo &io);
int profilesModelServersList(const QStringList &args, CliIo &io);
int profilesModelServerVersionsList(const QStringList &args, CliIo &io);
int profilesUseCaseList(const QStringList &args, CliIo &io);
int profilesServingStacksList(const QStringList &args, CliIo &io);
int profilesAcceleratorsList(const QStringList &args, CliIo &io);
int profilesList(const QStringList &args, CliIo &io);
int profilesBenchmarksList(const QStringList &args, CliIo &io);

// iq profiles manifests create (manifestcommands.cpp)
int profilesManifestsCreate(const QStringList &args, CliIo &io);

// iq estimate [calibrate] (estimatecommands.cpp)
int estimate(const QStringList &args, CliIo &io);
int estimateCalibrate(const QStringList &args, CliIo &io);

// iq catalog build | validate (catalogcommands.cpp)
int catalogBuild(const QStringList &args, CliIo &io);
int catalogValidate(const QStringList &args, CliIo &io);

// iq deploy (deploycommands.cpp)
int deploy(const QStringList &args, CliIo &io);

} // namespace iq::cli
