using System.Text;

namespace WindowsNodeOperator.Cli;

/// <summary>Wraps a line at spaces to fit a terminal width, continuing indented one step further.</summary>
internal static class Wrap
{
    public static IEnumerable<string> Lines(string line, int width = TextTable.Width)
    {
        ArgumentNullException.ThrowIfNull(line);
        var indent = new string(' ', line.Length - line.TrimStart().Length + 2);
        var current = new StringBuilder();
        foreach (var word in line.TrimStart().Split(' '))
        {
            var lead = current.Length == 0 ? line[..(line.Length - line.TrimStart().Length)] : string.Empty;
            if (current.Length > 0 && current.Length + 1 + word.Length > width)
            {
                yield return current.ToString();
                current.Clear().Append(indent);
            }
            else if (current.Length > 0 && current.ToString() != indent)
            {
                current.Append(' ');
            }

            current.Append(lead).Append(word);
        }

        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }
}
