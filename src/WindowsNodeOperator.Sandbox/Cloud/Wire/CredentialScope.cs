namespace WindowsNodeOperator.Sandbox.Cloud.Wire;

/// <summary>
/// The credential scope of a SigV4 <c>Authorization</c> header
/// (<c>AWS4-HMAC-SHA256 Credential=AKID/20261207/us-west-2/ec2/aws4_request, SignedHeaders=..., Signature=...</c>).
/// The signature is read, never verified: any key works.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
/// </summary>
internal sealed record CredentialScope(string AccessKeyId, string Date, string Region, string Service)
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>The scope, or null when the header is not a SigV4 one with a five-part credential.</summary>
    public static CredentialScope? Parse(string authorization)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        var text = authorization.Trim();
        if (!text.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            return null;
        }

        var credential = text[Algorithm.Length..]
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(p => p.StartsWith("Credential=", StringComparison.Ordinal));
        var parts = credential?["Credential=".Length..].Split('/');
        return parts is [{ Length: > 0 } key, { Length: 8 } date, { Length: > 0 } region, { Length: > 0 } service, "aws4_request"]
            ? new CredentialScope(key, date, region, service)
            : null;
    }
}
