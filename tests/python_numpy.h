// For the tests that check files against their real consumer, NumPy.
#pragma once

#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QString>

// Debian's python3 with python3-numpy (scripts/setup.sh installs it); "" when there is none.
inline QString python_with_numpy() {
    for (const QString& py : {QStringLiteral("/usr/bin/python3"), QStandardPaths::findExecutable("python3")}) {
        if (py.isEmpty() || !QFileInfo::exists(py)) continue;
        QProcess probe;
        probe.start(py, {"-c", "import numpy"});
        if (probe.waitForFinished() && probe.exitCode() == 0) return py;
    }
    return {};
}
