import { BASE_URL, launch, phonePage, waitForHydration } from './tests/browser/browser.mjs';
const browser = await launch();
const { page } = await phonePage(browser);
for (const [address, id] of [
 ['/su-kien/xay-nha/#viec=xay-moi&loai-dat=nong-nghiep-khac&quy-mo=nho&so-do=chua&khu-vuc=khong-ro&vay-von=co&xem=ket-qua','xay-moi-hoi-truoc'],
 ['/su-kien/sinh-con/#noi-sinh=viet-nam&chung-sinh=khong&cha-me=khong&ket-hon=chua&nhan-cha=khong&thoi-gian=qua-60-ngay&cach-nop=truc-tiep&nguoi-nop=nguoi-khac&xem=ket-qua','tai-trung-tam']]) {
  await page.goto(BASE_URL + address);
  await waitForHydration(page);
  await page.waitForSelector(`[data-show="o:${id}"]:not([hidden])`);
  const r = await page.evaluate((id) => {
    const s = document.querySelector(`[data-show="o:${id}"]`);
    const out = [];
    let cur = null;
    for (const c of s.children) {
      const h = c.getBoundingClientRect().height;
      out.push(`${c.tagName}.${c.className} ${(c.textContent||'').trim().slice(0,30)} : ${Math.round(h)}`);
    }
    out.push('section top ' + Math.round(s.getBoundingClientRect().top + scrollY));
    return out.join('\n');
  }, id);
  console.log(id + '\n' + r);
  await page.screenshot({ path: `/tmp/${id}.png`, fullPage: true });
}
await browser.close();
