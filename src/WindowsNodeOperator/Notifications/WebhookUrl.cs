using System.Diagnostics.CodeAnalysis;

namespace WindowsNodeOperator.Notifications;

/// <summary>Reads a webhook's URL from its file or variable. Problems name the source, never the content.</summary>
internal static class WebhookUrl
{
    public static bool TryResolve(WebhookOptions options, Func<string, string?> environment, [NotNullWhen(true)] out Uri? url, out string problem)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        url = null;
        string? text;
        string source;
        if (!string.IsNullOrWhiteSpace(options.UrlFile))
        {
            source = $"{nameof(WebhookOptions.UrlFile)}: the file '{options.UrlFile}'";
            try
            {
                text = File.ReadAllText(options.UrlFile);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
            {
                problem = $"{source} cannot be read ({e.GetType().Name}).";
                return false;
            }
        }
        else if (!string.IsNullOrWhiteSpace(options.UrlEnv))
        {
            source = $"{nameof(WebhookOptions.UrlEnv)}: the variable {options.UrlEnv}";
            text = environment(options.UrlEnv);
        }
        else
        {
            problem = $"{nameof(WebhookOptions.UrlFile)}: no URL source; set {nameof(WebhookOptions.UrlFile)} (a file mounted from a Secret) or {nameof(WebhookOptions.UrlEnv)} (a variable from a Secret's key).";
            return false;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            problem = $"{source} is empty or missing.";
            return false;
        }

        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttps && parsed.Scheme != Uri.UriSchemeHttp))
        {
            problem = $"{source} does not hold an absolute http(s) URL.";
            return false;
        }

        url = parsed;
        problem = string.Empty;
        return true;
    }
}
