#pragma once
// Application start-up shared by iqstudio's main() and the tests: translations, catalog loading, the
// window (recreated on a language switch) and the headless --screenshot mode.

#include "studiooptions.h"

#include <QString>

class QApplication;

namespace iq::gui {

class MainWindow;

// Installs the translators for `language` ("ko", "en"; empty = the system locale) and sets the default
// QLocale. Returns the language actually used ("en" when no translation exists for the request).
QString installLanguage(const QString &language);

// Creates the window for the options: loads the catalog (embedded + user dir + --catalog), applies model,
// targets and selection. Settings are restored unless `restore` is false (screenshots are reproducible).
MainWindow *createMainWindow(const StudioOptions &options, bool restore, QString *catalogMessage);

// Renders `window` at options.size offscreen into options.screenshot (PNG, atomic). False with *error.
bool saveScreenshot(MainWindow *window, const StudioOptions &options, QString *error);

// The whole program after QApplication exists: returns the exit code.
int runStudio(QApplication &app, const StudioOptions &options);

} // namespace iq::gui
