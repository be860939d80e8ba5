#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace nightshift {

/// What kind of failure an engine call reports; the message says what to do about it.
enum class ErrorCode {
    InvalidArgument,
    NotFound,
    AlreadyExists,
    WrongState,
    Unavailable,
    Io,
    Timeout,
    Cancelled,
    Internal,
};

/// A failure a user can act on: a code for programs and a message for people.
struct Error
{
    ErrorCode code = ErrorCode::Internal;
    QString message;
};

// std::expected is C++23 and GCC 12 (Debian 12) lacks it; Debian packages no tl::expected.
// This is the small subset the engine needs, in the spirit of Qt Creator's Utils::Result.
/// Either a value or an Error. Engine calls that can fail return one; nothing throws.
template<typename T>
class Result
{
public:
    Result(T value)
        : m_data(std::move(value))
    {}
    Result(Error error)
        : m_data(std::move(error))
    {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<0>(m_data); }
    T &value() & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    const T &operator*() const & { return value(); }
    const T *operator->() const { return &value(); }

    const Error &error() const { return std::get<1>(m_data); }
    QString errorMessage() const { return ok() ? QString() : error().message; }

private:
    std::variant<T, Error> m_data;
};

template<>
class Result<void>
{
public:
    Result() = default;
    Result(Error error)
        : m_error(std::move(error))
    {}

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }
    QString errorMessage() const { return ok() ? QString() : m_error->message; }

private:
    std::optional<Error> m_error;
};

inline Error makeError(ErrorCode code, QString message)
{
    return Error{code, std::move(message)};
}

} // namespace nightshift
