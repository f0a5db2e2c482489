// daelab: the GUI. Starts on the full MNIST (or the embedded 10,000 digits when the full set is
// not installed) unless --dataset says otherwise; the rest of its command line is a script for
// the window (gui_script.h).
//   --screenshot FILE [--screenshot-delay MS]  saves the window to a PNG and exits (docs, CI)
// --help and --version print without a display; without one, daelab says so in one line.
#include "dae/threads.h"
#include "dae/training.h"
#include "gui_script.h"
#include "main_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QMessageBox>

#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <memory>

namespace {

// Whether a Qt platform can open windows here: an explicit platform, or an X11/Wayland display.
bool display_available() {
    for (const char* v : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"})
        if (const char* e = std::getenv(v); e && *e) return true;
    return false;
}

// --help and --version print without a display: answered here, before QApplication exists.
// Returns an exit code, or −1 to go on.
int parse(QCommandLineParser& parser, const dae::app::GuiScript& script, int argc, char** argv) {
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    parser.setApplicationDescription(QStringLiteral("A laboratory for denoising autoencoders."));
    parser.addHelpOption();
    parser.addVersionOption();
    script.addTo(parser);
    if (!parser.parse(arguments)) {
        std::fprintf(stderr, "daelab: %s (see daelab --help)\n", qPrintable(parser.errorText()));
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        // Without a QCoreApplication, Qt cannot know the program's name.
        std::printf("%s", qPrintable(parser.helpText().replace(QStringLiteral("<executable_name>"), "daelab")));
        return 0;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        std::printf("daelab %s\n", DAELAB_VERSION);
        return 0;
    }
    if (!script.check(parser)) return 2;
    if (!display_available()) {
        std::fprintf(stderr,
                     "daelab: no display to open a window on (DISPLAY is not set); run it in a desktop session, "
                     "under xvfb-run, or with QT_QPA_PLATFORM=offscreen — daelab-cli needs none\n");
        return 1;
    }
    return -1;
}

void set_up_application() {
    std::setlocale(LC_NUMERIC, "C");  // files are read and written with a decimal point (Qt took the user's locale)
    QApplication::setApplicationName(QStringLiteral("daelab"));
    QApplication::setOrganizationName(QStringLiteral("daelab"));
    QApplication::setApplicationVersion(QStringLiteral(DAELAB_VERSION));
    QApplication::setWindowIcon(
        QIcon::fromTheme(QStringLiteral("daelab"), QIcon(QStringLiteral(":/daelab/daelab-256.png"))));
    QGuiApplication::setDesktopFileName(QStringLiteral("daelab"));
}

}  // namespace

int main(int argc, char** argv) {
    QCommandLineParser parser;
    const dae::app::GuiScript script;
    if (const int code = parse(parser, script, argc, argv); code >= 0) return code;
    QApplication app(argc, argv);
    set_up_application();
    // The GUI thread keeps a core to itself, so the window stays fluid; the thread policy
    // (dae/threads.h) splits products over the rest only when they are large enough to gain.
    const int cores = dae::usable_cores();
    const int threads = script.threads(parser);
    dae::set_compute_threads(threads > 0 ? threads
                                         : dae::choose_compute_threads(dae::training_work(dae::TrainingConfig{}, 784),
                                                                       std::max(1, cores - 1), dae::busy_elsewhere()));
    std::unique_ptr<dae::ui::MainWindow> window;
    try {
        window = std::make_unique<dae::ui::MainWindow>(script.dataset(parser).toStdString());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "daelab: %s\n", e.what());
        // A person sees it in a dialog; a script taking a screenshot gets the exit code, never a wait.
        if (!script.screenshot(parser))
            QMessageBox::critical(nullptr, QStringLiteral("daelab"), QString::fromStdString(e.what()));
        return 1;
    }
    if (const int code = script.run(*window, parser); code >= 0) return code;
    return QApplication::exec();
}
