// The translation of CommandLine's free functions, shared by its source files.
#pragma once

#include <QCoreApplication>
#include <QString>

namespace CommandLineText {

// As QObject::tr(), in the context "CommandLine".
inline QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("CommandLine", text, disambiguation, n);
}

} // namespace CommandLineText
