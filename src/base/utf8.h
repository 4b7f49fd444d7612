// UTF-8 validity checks and repair, for inputs that may hold any bytes.
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace foco {

bool IsValidUtf8(std::string_view bytes);

// Replaces each invalid UTF-8 sequence with U+FFFD; valid input is returned as is.
std::string RepairUtf8(std::string_view bytes);

}  // namespace foco
