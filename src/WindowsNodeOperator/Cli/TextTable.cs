using System.Text;

namespace WindowsNodeOperator.Cli;

/// <summary>Renders rows as an aligned table that fits <see cref="Width"/> columns, as Markdown or as CSV (RFC 4180).</summary>
internal sealed class TextTable(IReadOnlyList<string> headers)
{
    public const int Width = 80;
    private const int Gap = 2;
    private readonly List<IReadOnlyList<string>> _rows = [];

    public void Add(params IReadOnlyList<string> cells) => _rows.Add(cells);

    /// <summary>Aligned columns; the widest are cut (ending in <c>~</c>) until the table fits; <paramref name="paint"/> colours a cell after padding.</summary>
    public IEnumerable<string> Aligned(Func<int, string, string>? paint = null)
    {
        var widths = headers.Select((h, i) => _rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        while (widths.Sum() + (Gap * (widths.Length - 1)) > Width && widths.Max() > 8)
        {
            widths[Array.IndexOf(widths, widths.Max())]--;
        }

        yield return Line(headers, widths, null);
        foreach (var row in _rows)
        {
            yield return Line(row, widths, paint);
        }
    }

    public IEnumerable<string> Markdown()
    {
        yield return "| " + string.Join(" | ", headers) + " |";
        yield return "|" + string.Join("|", headers.Select(_ => "---")) + "|";
        foreach (var row in _rows)
        {
            yield return "| " + string.Join(" | ", row.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))) + " |";
        }
    }

    public IEnumerable<string> Csv()
    {
        yield return string.Join(",", headers.Select(Quote));
        foreach (var row in _rows)
        {
            yield return string.Join(",", row.Select(Quote));
        }
    }

    private static string Line(IReadOnlyList<string> cells, int[] widths, Func<int, string, string>? paint)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = cells[i].Length > widths[i] ? cells[i][..(widths[i] - 1)] + "~" : cells[i];
            var padded = i == cells.Count - 1 ? cell : cell.PadRight(widths[i] + Gap);
            line.Append(paint is null ? padded : paint(i, cell) + padded[cell.Length..]);
        }

        return line.ToString().TrimEnd();
    }

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}
