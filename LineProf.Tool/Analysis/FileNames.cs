namespace LineProf.Tool.Analysis;

/// <summary>
/// Document paths as the PDB recorded them, which may come from another OS than the one the tool runs on, so both
/// separators count.
/// </summary>
public static class FileNames
{
    private static readonly char[] s_separators = { '/', '\\' };

    /// <summary>The file name: <c>Orders.cs</c> of <c>/src/App/Orders.cs</c> or <c>C:\src\App\Orders.cs</c>.</summary>
    public static string Name(string path) => path[(path.LastIndexOfAny(s_separators) + 1)..];

    /// <summary>
    /// The folder every path starts with (up to and including a separator), so tables can show paths relative to it;
    /// empty when they share none.
    /// </summary>
    public static string CommonFolder(IEnumerable<string> paths)
    {
        string? common = null;
        foreach (var path in paths)
        {
            string folder = path[..(path.LastIndexOfAny(s_separators) + 1)];
            if (common == null)
            {
                common = folder;
                continue;
            }

            int length = 0;
            while (length < common.Length && length < folder.Length && common[length] == folder[length]) length++;
            common = length == 0 ? "" : common[..(common.LastIndexOfAny(s_separators, length - 1) + 1)];
        }

        return common ?? "";
    }
}
