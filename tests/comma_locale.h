// A comma-decimal locale for the locale tests: de_DE.UTF-8 built with localedef into `dir` (use it
// with LOCPATH=dir). False when this machine cannot build it (the tests then skip).
#pragma once

#include <QProcess>
#include <QString>

inline bool build_comma_locale(const QString& dir) {
    QProcess make;
    make.start(QStringLiteral("localedef"), {"-i", "de_DE", "-f", "UTF-8", dir + "/de_DE.UTF-8"});
    return make.waitForFinished(60000) && make.exitStatus() == QProcess::NormalExit && make.exitCode() == 0;
}
