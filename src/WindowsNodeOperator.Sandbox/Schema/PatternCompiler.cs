using System.Text;
using System.Text.RegularExpressions;

namespace WindowsNodeOperator.Sandbox.Schema;

/// <summary>
/// Compiles schema patterns (RE2 syntax in kube-apiserver) to .NET regexes with the same meaning for the patterns CRDs use.
/// </summary>
internal static class PatternCompiler
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    public static Regex Compile(string pattern)
    {
        // In RE2 '$' (without the m flag) matches only at the very end; .NET's '$' also matches before a final "\n".
        var anchored = EndAnchorsToAbsolute(pattern);
        try
        {
            return new Regex(anchored, RegexOptions.ECMAScript, MatchTimeout);
        }
        catch (ArgumentException)
        {
            // Constructs ECMAScript mode refuses (\p{..}, named groups) keep .NET's meaning, which equals RE2's for them.
            return new Regex(anchored, RegexOptions.CultureInvariant, MatchTimeout);
        }
    }

    private static string EndAnchorsToAbsolute(string pattern)
    {
        var builder = new StringBuilder(pattern.Length + 4);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                builder.Append(c).Append(pattern[++i]);
                continue;
            }

            if (inClass)
            {
                inClass = c != ']';
                builder.Append(c);
                continue;
            }

            if (c == '[')
            {
                inClass = true;
            }

            builder.Append(c == '$' ? @"\z" : c.ToString());
        }

        return builder.ToString();
    }
}
