using WindowsNodeOperator.Sandbox.Schema;

namespace WindowsNodeOperator.Sandbox.Tests.Schema;

public sealed class FieldErrorTests
{
    [Theory]
    [InlineData(FieldErrorType.Required, null, "", "spec.a: Required value", "FieldValueRequired")]
    [InlineData(FieldErrorType.Invalid, "\"x\"", "bad", "spec.a: Invalid value: \"x\": bad", "FieldValueInvalid")]
    [InlineData(FieldErrorType.NotSupported, "\"x\"", "supported values: \"y\"", "spec.a: Unsupported value: \"x\": supported values: \"y\"", "FieldValueNotSupported")]
    [InlineData(FieldErrorType.TooLong, "\"long\"", "may not be more than 3 bytes", "spec.a: Too long: may not be more than 3 bytes", "FieldValueTooLong")]
    [InlineData(FieldErrorType.TooMany, "3", "must have at most 2 items", "spec.a: Too many: 3: must have at most 2 items", "FieldValueTooMany")]
    [InlineData(FieldErrorType.Duplicate, "\"a\"", "", "spec.a: Duplicate value: \"a\"", "FieldValueDuplicate")]
    [InlineData(FieldErrorType.Forbidden, null, "no", "spec.a: Forbidden: no", "FieldValueForbidden")]
    public void Renders_like_apimachinery(FieldErrorType type, string? value, string detail, string expected, string reason)
    {
        var error = new FieldError("spec.a", type, value, detail);

        Assert.Equal(expected, error.ToString());
        Assert.Equal(reason, error.Reason);
        Assert.Equal(expected["spec.a: ".Length..], error.Body);
    }

    [Fact]
    public void Go_quoting_escapes_like_strconv_quote()
    {
        Assert.Equal("\"a\\\"b\\\\c\\n\\x01ü\"", GoFormat.Quote("a\"b\\c\n\u0001ü"));
    }

    [Theory]
    [InlineData(200.0, "200")]
    [InlineData(2.5, "2.5")]
    [InlineData(1e21, "1e+21")]
    [InlineData(0.00001, "1e-05")]
    public void Go_float_formatting(double value, string expected) => Assert.Equal(expected, GoFormat.Float(value));
}
