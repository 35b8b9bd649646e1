import Taro from '@tarojs/taro';

/** A file the user picked: its name and bytes. */
export interface PickedFile {
  name: string;
  bytes: ArrayBuffer;
}

/**
 * Lets the user pick one spreadsheet (CSV or XLSX). WeChat: from a chat (`chooseMessageFile`, the only
 * file access a mini-program has); H5: the browser's file dialog. Resolves null when the user backs out.
 */
export function pickTableFile(): Promise<PickedFile | null> {
  if (process.env.TARO_ENV === 'h5') return pickInBrowser('.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  return Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv', 'xlsx'] }).then(
    (res) => {
      const file = res.tempFiles[0];
      if (!file) return null;
      return new Promise<PickedFile>((resolve, reject) => {
        Taro.getFileSystemManager().readFile({
          filePath: file.path,
          success: (read) => resolve({ name: file.name, bytes: read.data as ArrayBuffer }),
          fail: () => reject(new Error('无法读取所选文件')),
        });
      });
    },
    (err: unknown) => {
      if (/cancel/i.test(String((err as { errMsg?: string })?.errMsg ?? err))) return null;
      throw new Error('无法选择文件');
    },
  );
}

function pickInBrowser(accept: string): Promise<PickedFile | null> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.style.display = 'none';
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      input.remove();
      if (!file) return resolve(null);
      file.arrayBuffer().then((bytes) => resolve({ name: file.name, bytes }), () => reject(new Error('无法读取所选文件')));
    });
    input.addEventListener('cancel', () => {
      input.remove();
      resolve(null);
    });
    document.body.appendChild(input);
    input.click();
  });
}

/**
 * Hands a text file (a CSV export) to the user. H5: a download. WeChat (no downloads of CSV): the
 * text goes to the clipboard, to paste into a spreadsheet. Resolves how it was delivered.
 */
export async function saveTextFile(name: string, text: string, type = 'text/csv;charset=utf-8'): Promise<'download' | 'clipboard'> {
  if (process.env.TARO_ENV === 'h5') {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return 'download';
  }
  await Taro.setClipboardData({ data: text.replace(/^\uFEFF/, '') });
  return 'clipboard';
}
