namespace WindowsNodeOperator.Sandbox.Kubernetes.Server.Errors;

/// <summary>One field error of a 422 Invalid answer: the rendered body ("Invalid value: ...") and the cause reason.</summary>
internal sealed record FieldProblem(string Field, string CauseReason, string Body)
{
    public static FieldProblem Required(string field, string detail) =>
        new(field, "FieldValueRequired", $"Required value: {detail}".TrimEnd(' ', ':'));

    public static FieldProblem Invalid(string field, string value, string detail) =>
        new(field, "FieldValueInvalid", $"Invalid value: \"{value}\": {detail}");

    public override string ToString() => $"{Field}: {Body}";
}
