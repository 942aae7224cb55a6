namespace WindowsNodeOperator.Sandbox.Schema;

/// <summary>The kinds of field error kube-apiserver reports (apimachinery's <c>field.ErrorType</c>).</summary>
public enum FieldErrorType
{
    NotFound,
    Required,
    Duplicate,
    Invalid,
    NotSupported,
    Forbidden,
    TooLong,
    TooMany,
    Internal,
    TypeInvalid,
}
