# Project-wide compile options, applied through the iq_options interface target.
add_library(iq_options INTERFACE)
target_compile_options(iq_options INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                       -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wnull-dereference
                       -Wimplicit-fallthrough)
if(IQ_WERROR)
  target_compile_options(iq_options INTERFACE -Werror)
endif()
# String safety, as in hotspot: no implicit const char* <-> QString conversions.
target_compile_definitions(iq_options INTERFACE QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII
                           QT_USE_QSTRINGBUILDER QT_NO_FOREACH QT_NO_URL_CAST_FROM_STRING
                           QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
                           IQ_VERSION="${PROJECT_VERSION}")
if(IQ_SANITIZE)
  target_compile_options(iq_options INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
                         -fno-sanitize-recover=undefined)
  target_link_options(iq_options INTERFACE -fsanitize=address,undefined)
endif()
