namespace WindowsNodeOperator.Sandbox.Schema;

/// <summary>
/// One validation error, rendered by <see cref="ToString"/> exactly as kube-apiserver renders field errors.
/// <paramref name="Value"/> is the bad value already rendered the way Go prints it (<c>"0d"</c> quoted, <c>0</c> bare),
/// or null when the error type shows no value.
/// </summary>
public sealed record FieldError(string Field, FieldErrorType Type, string? Value, string Detail)
{
    /// <summary>The field path kube-apiserver prints for errors that belong to no field.</summary>
    public const string NoField = "<nil>";

    /// <summary>The StatusCause reason (<c>FieldValueInvalid</c>, <c>FieldValueRequired</c>...).</summary>
    public string Reason => Type switch
    {
        FieldErrorType.NotFound => "FieldValueNotFound",
        FieldErrorType.Required => "FieldValueRequired",
        FieldErrorType.Duplicate => "FieldValueDuplicate",
        FieldErrorType.Invalid => "FieldValueInvalid",
        FieldErrorType.NotSupported => "FieldValueNotSupported",
        FieldErrorType.Forbidden => "FieldValueForbidden",
        FieldErrorType.TooLong => "FieldValueTooLong",
        FieldErrorType.TooMany => "FieldValueTooMany",
        FieldErrorType.Internal => "InternalError",
        FieldErrorType.TypeInvalid => "FieldValueTypeInvalid",
        _ => throw new ArgumentOutOfRangeException(nameof(Type), Type, null),
    };

    /// <summary>The message without the field (a StatusCause's message).</summary>
    public string Body
    {
        get
        {
            var body = Type switch
            {
                FieldErrorType.Required or FieldErrorType.Forbidden or FieldErrorType.TooLong or FieldErrorType.Internal
                    => TypeText,
                _ when Value is null => TypeText,
                _ => $"{TypeText}: {Value}",
            };
            return Detail.Length == 0 ? body : $"{body}: {Detail}";
        }
    }

    private string TypeText => Type switch
    {
        FieldErrorType.NotFound => "Not found",
        FieldErrorType.Required => "Required value",
        FieldErrorType.Duplicate => "Duplicate value",
        FieldErrorType.Invalid or FieldErrorType.TypeInvalid => "Invalid value",
        FieldErrorType.NotSupported => "Unsupported value",
        FieldErrorType.Forbidden => "Forbidden",
        FieldErrorType.TooLong => "Too long",
        FieldErrorType.TooMany => "Too many",
        FieldErrorType.Internal => "Internal error",
        _ => throw new ArgumentOutOfRangeException(nameof(Type), Type, null),
    };

    public override string ToString() => $"{Field}: {Body}";
}
