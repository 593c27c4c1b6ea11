using System.Text;

namespace SessionLab.Reports.Tests;

/// <summary>A strict RFC 4180 reader, so tests check what a spreadsheet would actually see in each cell.</summary>
internal static class Csv
{
    public static List<List<string>> Parse(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                Assert.True(field.Length == 0, "A quote may only open a field.");
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r')
            {
                Assert.True(i + 1 < text.Length && text[i + 1] == '\n', "Records end with CRLF.");
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
                i++;
            }
            else
            {
                Assert.True(c != '\n', "A bare LF outside quotes breaks RFC 4180.");
                field.Append(c);
            }
        }
        Assert.False(quoted, "Unterminated quoted field.");
        Assert.True(field.Length == 0 && row.Count == 0, "The last record ends with CRLF.");
        return rows;
    }
}
