# The settings every Nightshift target shares: link nightshift_settings, never repeat them.
add_library(nightshift_settings INTERFACE)
add_library(Nightshift::settings ALIAS nightshift_settings)

target_compile_features(nightshift_settings INTERFACE cxx_std_20)

target_compile_definitions(nightshift_settings INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CAST_FROM_BYTEARRAY
    QT_NO_URL_CAST_FROM_STRING
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_FOREACH
    QT_NO_KEYWORDS
    NIGHTSHIFT_VERSION="${PROJECT_VERSION}")

if(MSVC)
    target_compile_options(nightshift_settings INTERFACE /W4 /permissive- /utf-8)
else()
    target_compile_options(nightshift_settings INTERFACE
        -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
        -Woverloaded-virtual -Wimplicit-fallthrough)
endif()

# clang-format check over the project's own sources: `cmake --build build --target format-check`.
find_program(CLANG_FORMAT_EXECUTABLE NAMES clang-format clang-format-14 clang-format-15)
if(CLANG_FORMAT_EXECUTABLE)
    file(GLOB_RECURSE NIGHTSHIFT_FORMATTED_SOURCES CONFIGURE_DEPENDS
        ${PROJECT_SOURCE_DIR}/engine/*.cpp ${PROJECT_SOURCE_DIR}/engine/*.h
        ${PROJECT_SOURCE_DIR}/model/*.cpp ${PROJECT_SOURCE_DIR}/model/*.h
        ${PROJECT_SOURCE_DIR}/ui/*.cpp ${PROJECT_SOURCE_DIR}/ui/*.h
        ${PROJECT_SOURCE_DIR}/app/*.cpp ${PROJECT_SOURCE_DIR}/app/*.h
        ${PROJECT_SOURCE_DIR}/tests/*.cpp ${PROJECT_SOURCE_DIR}/tests/*.h
        ${PROJECT_SOURCE_DIR}/bench/*.cpp ${PROJECT_SOURCE_DIR}/bench/*.h)
    add_custom_target(format-check
        COMMAND ${CLANG_FORMAT_EXECUTABLE} --dry-run -Werror ${NIGHTSHIFT_FORMATTED_SOURCES}
        WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
        COMMENT "Checking the sources against .clang-format"
        VERBATIM)
endif()
