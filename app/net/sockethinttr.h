// The translation of SocketHint's sentences, shared by its source files.
#pragma once

#include <QCoreApplication>
#include <QString>

namespace SocketHint::Text {

// As QObject::tr(), in the context "SocketHint" (lupdate reads it so).
inline QString tr(const char *text, const char *disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("SocketHint", text, disambiguation, n);
}

} // namespace SocketHint::Text
