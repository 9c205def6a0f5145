//! The crate-wide error type.
//!
//! Every operation that a caller can configure wrongly returns [`Result`]; nothing reachable from
//! the public API panics on bad input. Messages name the operation and the argument, e.g.
//! `conv2d: kernel has 2 input channels but input has 3`.

use std::fmt;

/// What went wrong, with enough context to fix the call.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// One argument is out of range or malformed.
    InvalidArgument {
        /// The operation, e.g. `"conv2d"`.
        op: &'static str,
        /// The argument's name as the caller knows it, e.g. `"stride"`.
        arg: &'static str,
        /// What was expected and what was given.
        message: String,
    },
    /// Two shapes do not fit together.
    ShapeMismatch {
        /// The operation, e.g. `"conv2d"`.
        op: &'static str,
        /// Which dimensions disagree and how.
        message: String,
    },
    /// A loss or value became NaN or infinite (training diverged).
    NonFinite {
        /// Where the value appeared.
        op: &'static str,
        /// What became non-finite.
        message: String,
    },
    /// A size or an amount of work is above one of the core's limits ([`crate::limits`]).
    Limit {
        /// The operation, e.g. `"conv2d"`.
        op: &'static str,
        /// The argument to change, e.g. `"padding"`.
        arg: &'static str,
        /// What would go over and the limit: `the output would have 4,294,967,296 values; the
        /// limit is 16,777,216`.
        message: String,
    },
    /// A serialized model, data file or layer code is not in its documented format.
    Format {
        /// What was being read: `"model file"`, `"digit file"`, `"layer code"`.
        what: &'static str,
        /// What is wrong with it.
        message: String,
    },
}

impl Error {
    /// An [`Error::InvalidArgument`].
    pub fn arg(op: &'static str, arg: &'static str, message: impl Into<String>) -> Self {
        Error::InvalidArgument { op, arg, message: message.into() }
    }

    /// An [`Error::ShapeMismatch`].
    pub fn shape(op: &'static str, message: impl Into<String>) -> Self {
        Error::ShapeMismatch { op, message: message.into() }
    }

    /// An [`Error::Format`] about `what` (`"model file"`, `"digit file"`, …).
    pub fn format(what: &'static str, message: impl Into<String>) -> Self {
        Error::Format { what, message: message.into() }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidArgument { op, arg, message } => write!(f, "{op}: {arg} {message}"),
            Error::ShapeMismatch { op, message } => write!(f, "{op}: {message}"),
            Error::NonFinite { op, message } => write!(f, "{op}: {message}"),
            Error::Limit { op, message, .. } => write!(f, "{op}: {message}"),
            Error::Format { what, message } => write!(f, "{what}: {message}"),
        }
    }
}

impl std::error::Error for Error {}

/// `Result` with this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// Return early with an [`Error::InvalidArgument`] unless `cond` holds.
///
/// `ensure_arg!(stride >= 1, "conv2d", "stride", "must be at least 1, got {stride}")`
#[macro_export]
macro_rules! ensure_arg {
    ($cond:expr, $op:expr, $arg:expr, $($fmt:tt)+) => {
        if !($cond) {
            return Err($crate::Error::arg($op, $arg, format!($($fmt)+)));
        }
    };
}

/// Return early with an [`Error::ShapeMismatch`] unless `cond` holds.
#[macro_export]
macro_rules! ensure_shape {
    ($cond:expr, $op:expr, $($fmt:tt)+) => {
        if !($cond) {
            return Err($crate::Error::shape($op, format!($($fmt)+)));
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_op_and_argument() {
        let e = Error::arg("conv2d", "stride", "must be at least 1, got 0");
        assert_eq!(e.to_string(), "conv2d: stride must be at least 1, got 0");
        let e = Error::shape("conv2d", "kernel has 2 input channels but input has 3");
        assert_eq!(e.to_string(), "conv2d: kernel has 2 input channels but input has 3");
        let e = Error::format("digit file", "the header is truncated");
        assert_eq!(e.to_string(), "digit file: the header is truncated");
    }
}
