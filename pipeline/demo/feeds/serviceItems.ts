import {epochDay} from "../../calendar/localTime.ts";
import {dateCell} from "../cells.ts";
import {createRng, type Rng} from "../prng.ts";
import {monthlyPeriods, type DemoContext, type DemoPeriod, type FeedGenerator} from "./feedGenerator.ts";

/** The fields of plan clause 3's 全城通办 sentence, their department and base item names, and how many items each. */
const FIELDS = [
  {
    field: "household_registration",
    unit: "public_security_bureau",
    items: 30,
    names: ["户口迁移", "出生登记", "户籍证明开具", "居民身份证换领", "亲属投靠落户", "人才引进落户"],
  },
  {
    field: "social_insurance",
    unit: "hr_social_security_bureau",
    items: 40,
    names: ["养老保险关系转移", "社会保障卡补换", "参保登记", "养老金领取资格认证", "工伤认定", "失业保险金申领"],
  },
  {
    field: "medical_insurance",
    unit: "medical_security_bureau",
    items: 28,
    names: ["异地就医备案", "医保关系转移接续", "门诊慢特病待遇认定", "生育保险待遇核准", "医保参保信息变更"],
  },
  {
    field: "employment",
    unit: "hr_social_security_bureau",
    items: 22,
    names: ["就业登记", "失业登记", "就业创业证申领", "职业培训补贴申领", "创业担保贷款申请"],
  },
  {
    field: "property_registration",
    unit: "natural_resources_bureau",
    items: 24,
    names: ["不动产转移登记", "不动产抵押登记", "不动产权证书补换", "不动产登记资料查询", "预告登记"],
  },
  {
    field: "housing_fund",
    unit: "housing_fund_center",
    items: 18,
    names: ["公积金提取", "公积金贷款申请", "公积金缴存基数调整", "个人账户转移", "公积金缴存证明"],
  },
  {
    field: "other",
    unit: "",
    items: 198,
    names: ["许可", "备案", "登记", "核准", "证明开具", "资格认定", "补贴申领", "变更登记"],
  },
] as const;

/** Departments of the catalogue's other items. */
const OTHER_UNITS = [
  "admin_approval_bureau",
  "market_regulation_bureau",
  "transport_bureau",
  "education_bureau",
  "civil_affairs_bureau",
  "health_commission",
  "housing_bureau",
  "construction_bureau",
] as const;

/**
 * The published 跨省通办 lists the catalogue carries: each batch enters the catalogue in the month it was published
 * (the list column is empty before), with the items it names and how long the city takes to put them into effect.
 * The batches are the demo's own, not the real documents' contents.
 */
const BATCHES = [
  {list: "national", batch: "国办发〔2020〕35号 第一批", published: "2020-10-15", items: 36, lag: [30, 240]},
  {list: "provincial", batch: "青海省跨省通办事项清单 第一批", published: "2021-07-20", items: 14, lag: [30, 200]},
  {list: "national", batch: "国办发〔2020〕35号 第二批", published: "2021-12-20", items: 28, lag: [30, 330]},
  {list: "provincial", batch: "青海省跨省通办事项清单 第二批", published: "2022-09-15", items: 12, lag: [40, 230]},
] as const;

/** The 一件事一次办 packages: the month each was launched and how many items it brings in. */
const PACKAGES = [
  {name: "开办企业一件事", launched: "2020-06", items: 6},
  {name: "新生儿出生一件事", launched: "2020-11", items: 5},
  {name: "不动产登记一件事", launched: "2021-03", items: 4},
  {name: "退休一件事", launched: "2021-09", items: 5},
  {name: "开办餐馆一件事", launched: "2022-03", items: 6},
  {name: "就业创业一件事", launched: "2022-07", items: 5},
  {name: "二手房转移登记及水电气联动过户一件事", launched: "2022-10", items: 4},
  {name: "企业注销一件事", launched: "2023-01", items: 5},
  {name: "公积金贷款一件事", launched: "2023-04", items: 4},
] as const;

interface Item {
  code: string;
  name: string;
  unit: string;
  field: string;
  highFrequency: boolean;
  list: string | null;
  batch: string | null;
  /** Epoch days: the batch's publication, the item's implementation across provinces. */
  listedFrom: number | null;
  implementedOn: number | null;
  /** Epoch day from which the item can be handled anywhere in the city, or null (never in the demo). */
  citywideFrom: number | null;
  /** The package and the month (`YYYY-MM`) from which the item is in it. */
  pkg: {name: string; from: string} | null;
  /** Epoch days from which the item is partly and fully online (null: never). */
  partlyOnlineFrom: number | null;
  fullyOnlineFrom: number | null;
}

/**
 * The catalogue of 360 municipal government service items, drawn once from the feed's own stream so every month's
 * export lists the same items with the same codes. A high-frequency item of clause 3's six fields becomes 全城通办 on
 * a day between March 2020 and September 2022 (all of them by the deadline quarter: clause 3.1 met); one in five of
 * the other items does too. Listed 跨省通办 items are implemented 1–11 months after their batch is published: the
 * province's second batch (September 2022) is not all in effect by December 2022, so clause 3.2 is missed at its
 * deadline and reached in 2023. Packages of 一件事一次办 gather 4–6 items each, more of them after the plan (clause
 * 2's count climbs). Items move online: about a third fully online early in 2021, most by mid-2023.
 */
function buildCatalogue(ctx: DemoContext): Item[] {
  const rng = createRng(ctx.seed, ctx.contract.feed, "catalogue");
  const items: Item[] = [];
  let seq = 0;
  for (const [fieldIndex, f] of FIELDS.entries()) {
    for (let i = 0; i < f.items; i++) {
      seq++;
      const unit = f.field === "other" ? rng.pick(OTHER_UNITS) : f.unit;
      const base = f.names[i % f.names.length]!;
      const name = f.field === "other" ? `${unitShortName(ctx, unit)}${base}` : base;
      const variant = Math.floor(i / f.names.length);
      const sixFields = f.field !== "other";
      const highFrequency = rng.chance(sixFields ? 0.45 : 0.1);
      const citywide = sixFields && highFrequency ? true : rng.chance(0.2);
      items.push({
        code: `11630100MB0${fieldIndex}${String(seq).padStart(4, "0")}X4000${variant}`,
        name: variant === 0 ? name : `${name}(${variant + 1})`,
        unit,
        field: f.field,
        highFrequency,
        list: null,
        batch: null,
        listedFrom: null,
        implementedOn: null,
        citywideFrom: citywide ? epochDay("2020-03-01") + rng.int(0, 940) : null,
        pkg: null,
        ...onlineDays(rng),
      });
    }
  }
  // Listed items: seven in ten from the six fields (the items people move with), the rest from the others; each
  // item in one list at most.
  const indices = items.map((_, i) => i);
  const six = shuffled(
    indices.filter((i) => items[i]!.field !== "other"),
    rng,
  );
  const others = shuffled(
    indices.filter((i) => items[i]!.field === "other"),
    rng,
  );
  for (const b of BATCHES) {
    const published = epochDay(b.published);
    for (let k = 0; k < b.items; k++) {
      const item = items[(rng.chance(0.7) ? six : others).pop()!]!;
      item.list = b.list;
      item.batch = b.batch;
      item.listedFrom = published;
      item.implementedOn = published + rng.int(b.lag[0], b.lag[1]);
    }
  }
  const free = shuffled(
    items.map((_, i) => i),
    rng,
  );
  let p = 0;
  for (const pack of PACKAGES) {
    for (let k = 0; k < pack.items; k++) items[free[p++]!]!.pkg = {name: pack.name, from: pack.launched};
  }
  return items;
}

/** 全程网办 from a day for most items, 可网办 before that; one item in twenty stays in person only. */
function onlineDays(rng: Rng): Pick<Item, "partlyOnlineFrom" | "fullyOnlineFrom"> {
  if (rng.chance(0.05)) return {partlyOnlineFrom: null, fullyOnlineFrom: null};
  const start = epochDay("2019-06-01");
  const fully = rng.chance(0.9) ? start + rng.int(0, 1500) : null;
  return {partlyOnlineFrom: start, fullyOnlineFrom: fully};
}

function unitShortName(ctx: DemoContext, unitId: string): string {
  const name = ctx.catalog.units.find((u) => u.id === unitId)?.name_zh ?? "";
  return name.replace(/^市/, "").replace(/局$|委$/, "");
}

function shuffled<T>(xs: T[], rng: Rng): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The last day of a month `YYYY-MM`, as an epoch day. */
function monthEndDay(month: string): number {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return epochDay(`${m === 12 ? y + 1 : y}-${String((m % 12) + 1).padStart(2, "0")}-01`) - 1;
}

/**
 * 政务服务事项目录: the catalogue as exported at the end of every month (the as-of date for the as-of month), one
 * row per item, in catalogue order. The export states what was true on its day: a batch not yet published leaves the
 * list empty, a 落地 date after the export is not known yet.
 */
export function serviceItemsFeed(ctx: DemoContext): FeedGenerator {
  const catalogue = buildCatalogue(ctx);
  return {
    description:
      "one row per service item and month: the catalogue's 360 items, their 跨省通办 list and 落地 date, 全城通办, 一件事一次办 package",
    periods: () => monthlyPeriods(ctx),
    *rows(period: DemoPeriod) {
      const month = period.label;
      const day = Math.min(monthEndDay(month), ctx.asOfDay);
      for (const item of catalogue) {
        const listed = item.listedFrom !== null && item.listedFrom <= day;
        const implemented = listed && item.implementedOn !== null && item.implementedOn <= day;
        yield {
          item_code: item.code,
          snapshot_month: month,
          item_name: item.name,
          unit: item.unit,
          field: item.field,
          is_high_frequency: item.highFrequency,
          cross_province_list: listed ? item.list : null,
          cross_province_batch: listed ? item.batch : null,
          cross_province_implemented_on: implemented ? dateCell(item.implementedOn!) : null,
          is_citywide: item.citywideFrom !== null && item.citywideFrom <= day,
          one_thing_package: item.pkg && item.pkg.from <= month ? item.pkg.name : null,
          online_depth:
            item.fullyOnlineFrom !== null && item.fullyOnlineFrom <= day
              ? "fully_online"
              : item.partlyOnlineFrom !== null && item.partlyOnlineFrom <= day
                ? "partly_online"
                : "offline",
        };
      }
    },
  };
}
